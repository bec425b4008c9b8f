// Debian's libpq (libpq-dev; found through pkg-config), which links the system libssl.so.3.
#include <libpq-fe.h>

// The diagnostic field codes are character-literal macros, which Swift does not import.
static inline int assist_pg_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int assist_pg_diag_message_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }
static inline int assist_pg_diag_constraint_name(void) { return PG_DIAG_CONSTRAINT_NAME; }
