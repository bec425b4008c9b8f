// The system OpenSSL 3 (libssl, libcrypto) as seen from Swift.
//
// Swift cannot call function-like macros, so each one we need gets a `static inline`
// wrapper here. Editing this file alone does not trigger a rebuild: touch a Swift file
// of OpenSSLTLS as well.
#ifndef ASSIST_COPENSSL_SHIM_H
#define ASSIST_COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/evp.h>
#include <openssl/bio.h>
#include <openssl/pem.h>

static inline long assist_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}

static inline long assist_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_max_proto_version(ctx, version);
}

static inline long assist_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

static inline long assist_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}

static inline long assist_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list) {
    return SSL_CTX_set1_groups_list(ctx, list);
}

static inline long assist_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

static inline void assist_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

static inline long assist_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/// The options every context gets: no renegotiation, no compression, the server picks
/// the cipher, no session tickets (resumption is off, see OpenSSLContext).
static inline uint64_t assist_default_ssl_options(void) {
    return SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE
        | SSL_OP_NO_TICKET | SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1;
}

/// RFC 2253 formatting for certificate subjects (a macro built from other macros).
static inline unsigned long assist_XN_FLAG_RFC2253(void) {
    return XN_FLAG_RFC2253;
}

/// AES-GCM tag control codes (macros defined through other macros).
static inline int assist_EVP_CTRL_GCM_GET_TAG(void) { return EVP_CTRL_GCM_GET_TAG; }
static inline int assist_EVP_CTRL_GCM_SET_TAG(void) { return EVP_CTRL_GCM_SET_TAG; }

#endif
