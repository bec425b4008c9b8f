import Foundation
import GRDB

extension AppDatabase {
    /// Every schema change, in order. Append only: a released migration is never edited, so a
    /// database of any earlier version reaches this one the same way.
    /// The migration that makes an INN unique; `repairINN` works on the schema just before it.
    static let uniqueINNMigration = "v24 one INN, one customer"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 server metadata") { db in
            try db.create(table: "serverMetadata") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
            try db.execute(
                sql: "INSERT INTO serverMetadata (key, value) VALUES ('createdAt', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
            )
        }
        migrator.registerMigration("v2 customers, users, access tokens") { db in
            try db.create(table: "customer") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("name", .text).notNull()
                table.column("inn", .text)
                table.column("kpp", .text)
                table.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "userAccount") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("displayName", .text).notNull()
                // Stored normalized (lower case), so UNIQUE means one account per address.
                table.column("email", .text).unique()
                table.column("role", .text).notNull()
                    .check(sql: "role IN ('admin', 'agent', 'accounting', 'customer')")
                table.column("customerId", .integer).indexed().references("customer", onDelete: .restrict)
                table.column("phone", .text)
                table.column("onDuty", .boolean).notNull().defaults(to: false)
                table.column("disabled", .boolean).notNull().defaults(to: false)
                table.column("createdAt", .datetime).notNull()
                // A customer user belongs to exactly one customer; nobody else to any.
                table.check(sql: "(role = 'customer') = (customerId IS NOT NULL)")
            }
            try db.create(table: "accessToken") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("userId", .integer).notNull().indexed().references("userAccount", onDelete: .cascade)
                // SHA-256 of the token; the token itself is shown once and never stored.
                table.column("tokenHash", .text).notNull().unique()
                table.column("label", .text).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("expiresAt", .datetime).notNull()
                table.column("revokedAt", .datetime)
            }
        }
        migrator.registerMigration("v3 contracts, licence e-mails, commercial groups") { db in
            try db.create(table: "contract") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("customerId", .integer).notNull().indexed().references("customer", onDelete: .restrict)
                table.column("tier", .text).notNull().check(sql: "tier IN ('free', 'noncommercial', 'commercial', 'vip')")
                table.column("term", .text).notNull().check(sql: "term IN ('year', 'month', 'unlimited')")
                // Moscow dates, YYYY-MM-DD; endsOn is the last day covered, NULL for unlimited.
                table.column("startsOn", .text).notNull()
                table.column("endsOn", .text)
                table.column("priceKopecks", .integer).notNull().check(sql: "priceKopecks >= 0")
                table.column("createdAt", .datetime).notNull()
                table.check(sql: "endsOn IS NULL OR endsOn >= startsOn")
            }
            try db.create(table: "licenceEmail") { table in
                table.column("customerId", .integer).notNull().references("customer", onDelete: .cascade)
                table.column("email", .text).notNull()
                table.primaryKey(["customerId", "email"])
            }
            try db.create(index: "licenceEmail_email", on: "licenceEmail", columns: ["email"])
            try db.create(table: "commercialGroup") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("customerId", .integer).notNull().indexed().references("customer", onDelete: .cascade)
                table.column("name", .text).notNull()
                table.uniqueKey(["customerId", "name"])
            }
            try db.create(table: "commercialGroupMember") { table in
                table.column("groupId", .integer).notNull().references("commercialGroup", onDelete: .cascade)
                table.column("email", .text).notNull()
                table.primaryKey(["groupId", "email"])
            }
            try db.create(index: "commercialGroupMember_email", on: "commercialGroupMember", columns: ["email"])
        }
        migrator.registerMigration("v4 tickets, threads, events, notifications outbox") { db in
            // One counter per Moscow year: TIDs are gapless within a year and never reused.
            try db.create(table: "tidSequence") { table in
                table.primaryKey("year", .integer)
                table.column("last", .integer).notNull()
            }
            try db.create(table: "ticket") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("tid", .text).notNull().unique()
                table.column("customerId", .integer).notNull().indexed().references("customer", onDelete: .restrict)
                table.column("subject", .text).notNull()
                table.column("description", .text).notNull()
                table.column("stepsToReproduce", .text)
                table.column("productVersion", .text).notNull()
                table.column("problemClass", .text).notNull().check(sql: "problemClass IN ('operational', 'standard')")
                table.column("senderEmail", .text).notNull()
                table.column("receivedAt", .datetime).notNull()
                table.column("state", .text).notNull()
                table.column("stateReason", .text)
                table.column("slaLevel", .text).notNull()
                table.column("clockStartedAt", .datetime).notNull()
                table.column("reactionDeadline", .datetime).notNull()
                table.column("calendarRevision", .integer).notNull()
                table.column("deadlineExplanation", .text).notNull()
                table.column("firstResponseAt", .datetime)
                table.column("reactionMet", .boolean)
                table.column("rating", .integer).check(sql: "rating BETWEEN 1 AND 5")
                table.column("ratingComment", .text)
                table.column("createdByUserId", .integer).references("userAccount", onDelete: .setNull)
            }
            try db.create(index: "ticket_state_received", on: "ticket", columns: ["state", "receivedAt"])
            try db.create(table: "ticketMessage") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("ticketId", .integer).notNull().indexed().references("ticket", onDelete: .cascade)
                table.column("author", .text).notNull().check(sql: "author IN ('customer', 'agent')")
                table.column("authorUserId", .integer).references("userAccount", onDelete: .setNull)
                table.column("authorEmail", .text)
                table.column("body", .text).notNull()
                table.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "ticketEvent") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("ticketId", .integer).notNull().indexed().references("ticket", onDelete: .cascade)
                table.column("kind", .text).notNull()
                table.column("detail", .text).notNull()
                table.column("actorUserId", .integer).references("userAccount", onDelete: .setNull)
                table.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "notification") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("kind", .text).notNull()
                table.column("ticketId", .integer).indexed().references("ticket", onDelete: .cascade)
                table.column("recipient", .text).notNull()
                table.column("subject", .text).notNull()
                table.column("body", .text).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("sentAt", .datetime)
            }
        }
        migrator.registerMigration("v5 production calendar revisions") { db in
            // Revision 1 is the calendar in the binary and is not stored; edits are 2, 3, …
            try db.create(table: "calendarRevision") { table in
                table.primaryKey("revision", .integer).check(sql: "revision >= 2")
                table.column("document", .text).notNull()
                table.column("note", .text).notNull()
                table.column("createdByUserId", .integer).references("userAccount", onDelete: .setNull)
                table.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v6 idempotent requests") { db in
            try db.create(table: "idempotentRequest") { table in
                table.column("userId", .integer).notNull().references("userAccount", onDelete: .cascade)
                table.column("key", .text).notNull()
                // SHA-256 of method, path and body: the same key with another request is refused.
                table.column("fingerprint", .text).notNull()
                // NULL while the request is being handled.
                table.column("status", .integer)
                table.column("contentType", .text)
                table.column("body", .blob)
                table.column("createdAt", .datetime).notNull()
                table.primaryKey(["userId", "key"])
            }
        }
        migrator.registerMigration("v7 audit log") { db in
            try db.create(table: "auditEntry") { table in
                // Explicit and contiguous: a gap means entries were removed.
                table.primaryKey("id", .integer)
                // Milliseconds since 1970, an integer, so the hashed value reads back exactly.
                table.column("atMillis", .integer).notNull()
                table.column("actorUserId", .integer)
                table.column("action", .text).notNull()
                table.column("subject", .text).notNull()
                table.column("detail", .text).notNull()
                table.column("previousHash", .text).notNull()
                table.column("hash", .text).notNull()
            }
            try db.create(index: "auditEntry_subject", on: "auditEntry", columns: ["subject"])
            // Append-only through SQL too: only someone editing the file itself can change it,
            // and `assistd audit verify` finds that.
            try db.execute(sql: """
                CREATE TRIGGER auditEntry_no_update BEFORE UPDATE ON auditEntry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER auditEntry_no_delete BEFORE DELETE ON auditEntry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v8 phone install entitlement") { db in
            try db.create(table: "phoneInstallUse") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("customerId", .integer).notNull().references("customer", onDelete: .restrict)
                table.column("ticketId", .integer).notNull().references("ticket", onDelete: .restrict)
                table.column("usedAt", .datetime).notNull()
                table.column("usedByUserId", .integer).references("userAccount", onDelete: .setNull)
                table.column("restoredAt", .datetime)
                table.column("restoredByUserId", .integer).references("userAccount", onDelete: .setNull)
                table.column("restoreReason", .text)
            }
            // R-1.5, enforced by the database: at most one unrestored use per customer, so two
            // concurrent attempts cannot both succeed.
            try db.execute(sql: "CREATE UNIQUE INDEX phoneInstallUse_once ON phoneInstallUse(customerId) WHERE restoredAt IS NULL")
        }
        migrator.registerMigration("v9 ticket problems and splits") { db in
            try db.create(table: "ticketProblem") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("ticketId", .integer).notNull().indexed().references("ticket", onDelete: .cascade)
                table.column("description", .text).notNull()
                table.column("addedByUserId", .integer).references("userAccount", onDelete: .setNull)
                table.column("createdAt", .datetime).notNull()
            }
            try db.alter(table: "ticket") { table in
                table.add(column: "splitFrom", .text)
            }
        }
        migrator.registerMigration("v10 remote-access sessions") { db in
            try db.create(table: "remoteSession") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("ticketId", .integer).notNull().indexed().references("ticket", onDelete: .restrict)
                table.column("tool", .text).notNull().check(sql: "tool IN ('teamviewer', 'ammyadmin')")
                table.column("customerRemoteId", .text).notNull()
                table.column("agentRemoteId", .text)
                table.column("agentUserId", .integer).notNull().references("userAccount", onDelete: .restrict)
                table.column("agentName", .text).notNull()
                table.column("state", .text).notNull()
                table.column("joinExpiresAt", .datetime).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("activatedAt", .datetime)
                table.column("endedAt", .datetime)
                table.column("hasPassedPassword", .boolean).notNull().defaults(to: false)
                // AES-256-GCM of the credentials JSON, bound to the row id; NULL once wiped.
                table.column("credentials", .blob)
                table.check(sql: "credentials IS NULL OR state IN ('issued', 'active')")
            }
        }
        migrator.registerMigration("v11 VIP contacts") { db in
            try db.alter(table: "ticket") { table in
                table.add(column: "responsibleAgentId", .integer).references("userAccount", onDelete: .setNull)
            }
            try db.create(table: "vipDisclosure") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("ticketId", .integer).notNull().indexed().references("ticket", onDelete: .cascade)
                table.column("agentUserId", .integer).notNull().indexed().references("userAccount", onDelete: .restrict)
                table.column("phone", .text).notNull()
                table.column("disclosedAt", .datetime).notNull()
                table.column("byUserId", .integer).references("userAccount", onDelete: .setNull)
            }
        }
        migrator.registerMigration("v12 metered sessions") { db in
            try db.create(table: "meteredSession") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("ticketId", .integer).notNull().indexed().references("ticket", onDelete: .restrict)
                table.column("customerId", .integer).notNull().indexed().references("customer", onDelete: .restrict)
                table.column("agentUserId", .integer).notNull().references("userAccount", onDelete: .restrict)
                table.column("kind", .text).notNull().check(sql: "kind IN ('install', 'update', 'update-repair')")
                table.column("channel", .text).notNull().check(sql: "channel IN ('remote', 'phone-install')")
                table.column("rateKopecksPerHour", .integer).notNull().check(sql: "rateKopecksPerHour >= 0")
                table.column("roundingIncrementSeconds", .integer).notNull()
                table.column("roundingMinimumSeconds", .integer).notNull()
                table.column("startedAt", .datetime).notNull()
                table.column("stoppedAt", .datetime)
                table.column("rawSeconds", .integer)
                table.column("billedSeconds", .integer)
                table.column("amountKopecks", .integer)
                table.column("flaggedForReview", .boolean).notNull().defaults(to: false)
            }
            // One running session per agent, enforced by the database.
            try db.execute(sql: "CREATE UNIQUE INDEX meteredSession_oneRunning ON meteredSession(agentUserId) WHERE stoppedAt IS NULL")
        }
        migrator.registerMigration("v13 rates, corrections, invoices and credit notes") { db in
            try db.execute(sql: """
                ALTER TABLE contract ADD COLUMN roundingIncrementSeconds INTEGER NOT NULL DEFAULT 60 CHECK (roundingIncrementSeconds >= 1);
                ALTER TABLE contract ADD COLUMN roundingMinimumSeconds INTEGER NOT NULL DEFAULT 0 CHECK (roundingMinimumSeconds >= 0);
                CREATE TABLE documentCounter (
                    series TEXT NOT NULL CHECK (series IN ('invoice', 'credit-note')),
                    year INTEGER NOT NULL,
                    lastNumber INTEGER NOT NULL,
                    PRIMARY KEY (series, year));
                CREATE TABLE invoice (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    number TEXT NOT NULL UNIQUE,
                    year INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    customerId INTEGER NOT NULL REFERENCES customer(id) ON DELETE RESTRICT,
                    buyerName TEXT NOT NULL,
                    buyerINN TEXT,
                    buyerKPP TEXT,
                    seller TEXT NOT NULL,
                    periodFrom TEXT NOT NULL,
                    periodTo TEXT NOT NULL,
                    vatPercent INTEGER CHECK (vatPercent BETWEEN 1 AND 99),
                    subscriptionKopecks INTEGER NOT NULL,
                    meteredKopecks INTEGER NOT NULL,
                    totalKopecks INTEGER NOT NULL CHECK (totalKopecks = subscriptionKopecks + meteredKopecks),
                    vatKopecks INTEGER NOT NULL,
                    totalInWords TEXT NOT NULL,
                    lineCount INTEGER NOT NULL CHECK (lineCount > 0),
                    issuedAt DATETIME NOT NULL,
                    issuedByUserId INTEGER NOT NULL REFERENCES userAccount(id) ON DELETE RESTRICT,
                    UNIQUE (year, sequence));
                CREATE INDEX invoice_customer ON invoice(customerId);
                CREATE TABLE invoiceLine (
                    invoiceId INTEGER NOT NULL REFERENCES invoice(id) ON DELETE RESTRICT,
                    position INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('subscription', 'metered')),
                    date TEXT NOT NULL,
                    amountKopecks INTEGER NOT NULL CHECK (amountKopecks >= 0),
                    contractId INTEGER REFERENCES contract(id) ON DELETE RESTRICT,
                    contractTier TEXT,
                    contractTerm TEXT,
                    contractEndsOn TEXT,
                    meteredSessionId INTEGER REFERENCES meteredSession(id) ON DELETE RESTRICT,
                    tid TEXT,
                    meteredKind TEXT,
                    rawSeconds INTEGER,
                    billedSeconds INTEGER,
                    rateKopecksPerHour INTEGER,
                    roundingIncrementSeconds INTEGER,
                    roundingMinimumSeconds INTEGER,
                    PRIMARY KEY (invoiceId, position),
                    CHECK ((kind = 'subscription') = (contractId IS NOT NULL)),
                    CHECK ((kind = 'metered') = (meteredSessionId IS NOT NULL))) WITHOUT ROWID;
                CREATE TABLE creditNote (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    number TEXT NOT NULL UNIQUE,
                    invoiceId INTEGER NOT NULL UNIQUE REFERENCES invoice(id) ON DELETE RESTRICT,
                    reason TEXT NOT NULL,
                    amountKopecks INTEGER NOT NULL,
                    issuedAt DATETIME NOT NULL,
                    issuedByUserId INTEGER NOT NULL REFERENCES userAccount(id) ON DELETE RESTRICT);
                -- A session or contract is on at most one live invoice: the column holds it.
                ALTER TABLE meteredSession ADD COLUMN invoiceId INTEGER REFERENCES invoice(id) ON DELETE RESTRICT;
                ALTER TABLE contract ADD COLUMN invoiceId INTEGER REFERENCES invoice(id) ON DELETE RESTRICT;
                CREATE INDEX meteredSession_invoice ON meteredSession(invoiceId);
                CREATE INDEX meteredSession_customer_started ON meteredSession(customerId, startedAt);
                CREATE INDEX meteredSession_started ON meteredSession(startedAt);
                CREATE TABLE meteredCorrection (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    meteredSessionId INTEGER NOT NULL REFERENCES meteredSession(id) ON DELETE RESTRICT,
                    reason TEXT NOT NULL,
                    kindBefore TEXT NOT NULL, kindAfter TEXT NOT NULL,
                    rawSecondsBefore INTEGER NOT NULL, rawSecondsAfter INTEGER NOT NULL,
                    amountKopecksBefore INTEGER NOT NULL, amountKopecksAfter INTEGER NOT NULL,
                    correctedByUserId INTEGER NOT NULL REFERENCES userAccount(id) ON DELETE RESTRICT,
                    correctedAt DATETIME NOT NULL);
                CREATE INDEX meteredCorrection_session ON meteredCorrection(meteredSessionId);

                -- Issued documents never change.
                CREATE TRIGGER invoice_immutable BEFORE UPDATE ON invoice
                BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes: cancel it with a credit note'); END;
                CREATE TRIGGER invoice_kept BEFORE DELETE ON invoice
                BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes: cancel it with a credit note'); END;
                CREATE TRIGGER invoiceLine_immutable BEFORE UPDATE ON invoiceLine
                BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes: cancel it with a credit note'); END;
                CREATE TRIGGER invoiceLine_kept BEFORE DELETE ON invoiceLine
                BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes: cancel it with a credit note'); END;
                -- Positions are 1 … lineCount and unique, so no line can be added to an issued invoice.
                CREATE TRIGGER invoiceLine_sealed BEFORE INSERT ON invoiceLine
                WHEN NEW.position < 1 OR NEW.position > (SELECT lineCount FROM invoice WHERE id = NEW.invoiceId)
                BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes: its lines are complete'); END;
                CREATE TRIGGER creditNote_immutable BEFORE UPDATE ON creditNote
                BEGIN SELECT RAISE(ABORT, 'a credit note never changes'); END;
                CREATE TRIGGER creditNote_kept BEFORE DELETE ON creditNote
                BEGIN SELECT RAISE(ABORT, 'a credit note never changes'); END;

                -- Invoiced sessions keep what was billed; only a credit note frees them.
                CREATE TRIGGER meteredSession_invoiced_fixed
                BEFORE UPDATE OF kind, rawSeconds, billedSeconds, amountKopecks, rateKopecksPerHour, customerId, startedAt, stoppedAt
                ON meteredSession WHEN OLD.invoiceId IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'an invoiced metered session never changes'); END;
                CREATE TRIGGER meteredSession_one_invoice BEFORE UPDATE OF invoiceId ON meteredSession
                WHEN OLD.invoiceId IS NOT NULL AND (NEW.invoiceId IS NOT NULL
                    OR NOT EXISTS (SELECT 1 FROM creditNote WHERE invoiceId = OLD.invoiceId))
                BEGIN SELECT RAISE(ABORT, 'a metered session is on at most one invoice'); END;
                CREATE TRIGGER contract_one_invoice BEFORE UPDATE OF invoiceId ON contract
                WHEN OLD.invoiceId IS NOT NULL AND (NEW.invoiceId IS NOT NULL
                    OR NOT EXISTS (SELECT 1 FROM creditNote WHERE invoiceId = OLD.invoiceId))
                BEGIN SELECT RAISE(ABORT, 'a contract is on at most one invoice'); END;
                CREATE TRIGGER contract_invoiced_fixed BEFORE UPDATE OF priceKopecks, tier, term, startsOn, endsOn, customerId
                ON contract WHEN OLD.invoiceId IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'an invoiced contract never changes'); END;
                """)
        }
        migrator.registerMigration("v14 wrong PINs counted") { db in
            try db.execute(sql: "ALTER TABLE remoteSession ADD COLUMN pinFailures INTEGER NOT NULL DEFAULT 0 CHECK (pinFailures >= 0)")
        }
        migrator.registerMigration("v15 channels, confirmed operational, next reactions, escalations") { db in
            try db.execute(sql: """
                ALTER TABLE ticketMessage ADD COLUMN channel TEXT NOT NULL DEFAULT 'api' CHECK (channel IN ('api', 'web', 'email'));
                UPDATE ticketMessage SET channel = 'email' WHERE authorUserId IS NULL;
                ALTER TABLE ticket ADD COLUMN operationalConfirmedAt DATETIME;
                ALTER TABLE ticket ADD COLUMN nextReactionSince DATETIME;
                ALTER TABLE ticket ADD COLUMN nextReactionDue DATETIME;
                CREATE TABLE ticketEscalation (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ticketId INTEGER NOT NULL REFERENCES ticket(id) ON DELETE RESTRICT,
                    message TEXT NOT NULL,
                    byUserId INTEGER REFERENCES userAccount(id) ON DELETE RESTRICT,
                    moscowDate TEXT NOT NULL,
                    notified BOOLEAN NOT NULL,
                    createdAt DATETIME NOT NULL);
                CREATE INDEX ticketEscalation_ticket ON ticketEscalation(ticketId, moscowDate);
                """)
        }
        migrator.registerMigration("v16 mail delivery states") { db in
            try db.execute(sql: """
                ALTER TABLE notification ADD COLUMN state TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed'));
                ALTER TABLE notification ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
                ALTER TABLE notification ADD COLUMN nextAttemptAt DATETIME;
                ALTER TABLE notification ADD COLUMN claimedAt DATETIME;
                ALTER TABLE notification ADD COLUMN lastReply TEXT;
                ALTER TABLE notification ADD COLUMN messageId TEXT;
                CREATE UNIQUE INDEX notification_messageId ON notification(messageId) WHERE messageId IS NOT NULL;
                CREATE INDEX notification_due ON notification(state, nextAttemptAt);
                CREATE TABLE flaggedAddress (
                    address TEXT PRIMARY KEY,
                    reason TEXT NOT NULL,
                    flaggedAt DATETIME NOT NULL);
                """)
        }
        migrator.registerMigration("v17 letters filed once") { db in
            try db.execute(sql: """
                ALTER TABLE ticketMessage ADD COLUMN inboundMessageId TEXT;
                CREATE UNIQUE INDEX ticketMessage_inboundMessageId ON ticketMessage(inboundMessageId) WHERE inboundMessageId IS NOT NULL;
                """)
        }
        migrator.registerMigration("v18 letters held beyond a sender's daily cap") { db in
            try db.execute(sql: """
                CREATE TABLE heldLetter (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sender TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    messageId TEXT UNIQUE,
                    receivedAt DATETIME NOT NULL);
                CREATE INDEX heldLetter_sender ON heldLetter(sender, receivedAt);
                CREATE INDEX ticket_senderEmail ON ticket(senderEmail, receivedAt);
                """)
        }
        migrator.registerMigration("v19 attachments stored once by content") { db in
            try db.execute(sql: """
                CREATE TABLE attachmentContent (
                    sha256 TEXT PRIMARY KEY,
                    bytes BLOB NOT NULL,
                    sizeBytes INTEGER NOT NULL);
                CREATE TABLE messageAttachment (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    messageId INTEGER NOT NULL REFERENCES ticketMessage(id),
                    fileName TEXT NOT NULL,
                    mediaType TEXT NOT NULL,
                    sha256 TEXT NOT NULL REFERENCES attachmentContent(sha256));
                CREATE INDEX messageAttachment_messageId ON messageAttachment(messageId);
                """)
        }
        migrator.registerMigration("v20 web sign-in: passwords, sessions, set-password links") { db in
            // Secrets are stored only as hashes: the password as scrypt, the session cookie and the
            // one-time link as SHA-256 of their random value.
            try db.execute(sql: """
                CREATE TABLE userPassword (
                    userId INTEGER PRIMARY KEY REFERENCES userAccount(id),
                    hash TEXT NOT NULL,
                    setAt DATETIME NOT NULL);
                CREATE TABLE webSession (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userId INTEGER NOT NULL REFERENCES userAccount(id),
                    secretHash TEXT NOT NULL UNIQUE,
                    csrfToken TEXT NOT NULL,
                    createdAt DATETIME NOT NULL,
                    lastSeenAt DATETIME NOT NULL);
                CREATE INDEX webSession_userId ON webSession(userId);
                CREATE TABLE passwordLink (
                    tokenHash TEXT PRIMARY KEY,
                    userId INTEGER NOT NULL REFERENCES userAccount(id),
                    createdAt DATETIME NOT NULL,
                    expiresAt DATETIME NOT NULL,
                    usedAt DATETIME);
                """)
        }
        migrator.registerMigration("v21 the outbox's due letters found in order") { db in
            // Letters of one state in id order straight from the index: claiming the next few no
            // longer sorts every queued letter (15 000 queued made each claim 3.6 ms; now 0.2).
            try db.execute(sql: "CREATE INDEX notification_state ON notification(state)")
        }
        migrator.registerMigration("v22 no index that another one already covers") { db in
            // Each is the first column of a wider index on its table, which answers the same lookups
            // (and the foreign keys' checks); it only cost every insert: starting the clock wrote
            // seven index entries, now six.
            try db.execute(sql: """
                DROP INDEX meteredSession_on_customerId;
                DROP INDEX commercialGroup_on_customerId;
                """)
        }
        migrator.registerMigration("v23 letter secrets sealed beside the outbox") { db in
            // A set-password link is no longer written into the letter staff can read: the letter
            // holds a marker and the link waits here, sealed, until the relay has answered for
            // good. Letters written before kept their links in the text: those links are cut out
            // and every link not yet used is ended, as anyone who read the outbox could have used it.
            try db.execute(sql: """
                CREATE TABLE letterSecret (
                    notificationId INTEGER PRIMARY KEY REFERENCES notification(id) ON DELETE CASCADE,
                    sealed BLOB NOT NULL);
                UPDATE passwordLink SET expiresAt = createdAt WHERE usedAt IS NULL;
                """)
            let letters = try Row.fetchAll(db, sql: "SELECT id, body FROM notification WHERE body LIKE '%/password/set/%'")
            for letter in letters {
                let body: String = letter["body"]
                let redacted = body.replacingOccurrences(
                    of: #"\S*/password/set/\S*"#, with: "[ссылка видна только получателю письма]", options: .regularExpression)
                try db.execute(sql: "UPDATE notification SET body = ? WHERE id = ?", arguments: [redacted, letter["id"] as Int64])
            }
        }
        migrator.registerMigration(Self.uniqueINNMigration) { db in
            // One INN, one customer, kept by the database: a check before the insert let two
            // creations at once both pass. Customers that already share an INN are listed, and
            // nothing changes until an admin says which is which (`assistd migrate --set-inn`).
            let shared = try Row.fetchAll(db, sql: """
                SELECT inn, group_concat(id, ', ') AS ids FROM customer WHERE inn IS NOT NULL GROUP BY inn HAVING COUNT(*) > 1 ORDER BY inn
                """)
            guard shared.isEmpty else { throw DuplicateINNs(shared: shared.map { ($0["inn"], $0["ids"]) }) }
            try db.execute(sql: "CREATE UNIQUE INDEX customer_inn ON customer(inn) WHERE inn IS NOT NULL")
        }
        migrator.registerMigration("v25 the staff channel") { db in
            // R-4.5: a ticket staff type in for a sender (taken by phone, say) is marked as such,
            // not as one the customer filed through an official channel. SQLite changes a CHECK
            // only by rebuilding the table (its documented procedure; foreign keys are checked
            // after the migration). Messages staff filed for another sender before are marked too:
            // the first message of a ticket a staff user created, in the sender's name.
            try db.execute(sql: """
                CREATE TABLE ticketMessage_new ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
                    "ticketId" INTEGER NOT NULL REFERENCES "ticket"("id") ON DELETE CASCADE,
                    "author" TEXT NOT NULL CHECK (author IN ('customer', 'agent')),
                    "authorUserId" INTEGER REFERENCES "userAccount"("id") ON DELETE SET NULL, "authorEmail" TEXT, "body" TEXT NOT NULL,
                    "createdAt" DATETIME NOT NULL,
                    channel TEXT NOT NULL DEFAULT 'api' CHECK (channel IN ('api', 'web', 'email', 'staff')), inboundMessageId TEXT);
                INSERT INTO ticketMessage_new (id, ticketId, author, authorUserId, authorEmail, body, createdAt, channel, inboundMessageId)
                    SELECT id, ticketId, author, authorUserId, authorEmail, body, createdAt, channel, inboundMessageId FROM ticketMessage;
                DROP TABLE ticketMessage;
                ALTER TABLE ticketMessage_new RENAME TO ticketMessage;
                CREATE INDEX "ticketMessage_on_ticketId" ON "ticketMessage"("ticketId");
                CREATE UNIQUE INDEX ticketMessage_inboundMessageId ON ticketMessage(inboundMessageId) WHERE inboundMessageId IS NOT NULL;
                UPDATE ticketMessage SET channel = 'staff'
                WHERE author = 'customer' AND id IN (SELECT MIN(m.id) FROM ticketMessage m GROUP BY m.ticketId)
                  AND authorUserId IN (SELECT id FROM userAccount WHERE role IN ('admin', 'agent'));
                """)
        }
        migrator.registerMigration("v26 failed sign-ins counted in the database") { db in
            // The sign-in throttle's counts, kept where every node of a desk reads them (they
            // were in each process's memory: guesses spread over nodes got each node's allowance).
            try db.execute(sql: """
                CREATE TABLE signInFailure (
                    key TEXT PRIMARY KEY, failures INTEGER NOT NULL CHECK (failures >= 0), lastFailure DATETIME NOT NULL,
                    blockedUntil DATETIME, emails TEXT NOT NULL DEFAULT '[]');
                CREATE INDEX signInFailure_lastFailure ON signInFailure(lastFailure);
                """)
        }
        return migrator
    }
}
