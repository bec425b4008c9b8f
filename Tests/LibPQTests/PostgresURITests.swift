import LibPQ
import Testing

@Suite("Connection URIs shown without their password")
struct PostgresURITests {
    @Test("a password in the user part or in a password= parameter is replaced; the rest is kept", arguments: [
        ("postgres://assist:s3cret@db.example:5432/assist?sslmode=verify-full", "postgres://assist:***@db.example:5432/assist?sslmode=verify-full"),
        ("postgresql://assist@db1,db2/assist?password=s3cret&target_session_attrs=read-write",
         "postgresql://assist@db1,db2/assist?password=***&target_session_attrs=read-write"),
        ("postgres://a:p%40ss@h/db?PassWord=x", "postgres://a:***@h/db?password=***"),
        ("postgres://host/db", "postgres://host/db"),
        ("postgres://user@host/db?sslrootcert=/etc/ca@2.pem", "postgres://user@host/db?sslrootcert=/etc/ca@2.pem"),
    ])
    func redacted(uri: String, shown: String) {
        #expect(PostgresURI.redacted(uri) == shown)
        #expect(!PostgresURI.redacted(uri).contains("s3cret"))
    }

    @Test("a postgres:// or postgresql:// URI names PostgreSQL; a path names a SQLite file")
    func engine() {
        #expect(PostgresURI.isPostgres("postgres://h/db") && PostgresURI.isPostgres("postgresql://h/db"))
        #expect(!PostgresURI.isPostgres("var/assist.sqlite") && !PostgresURI.isPostgres("/srv/postgres://x"))
    }
}
