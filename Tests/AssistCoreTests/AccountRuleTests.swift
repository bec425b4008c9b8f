import AssistCore
import Foundation
import Testing

@Suite("What a change to a user may not do (R-2.5.3, the last admin)")
struct AccountRuleTests {
    let at = Date(timeIntervalSince1970: 1_795_555_815)

    func user(_ role: Role, onDuty: Bool = false, disabled: Bool = false) -> UserAccount {
        UserAccount(id: 5, displayName: "Иван", email: "ivan@istom.ru", role: role, customerId: nil, phone: "+79001234567", onDuty: onDuty, disabled: disabled, createdAt: at)
    }

    @Test("R-2.5.3 an agent who becomes accounting goes off duty, but not while responsible for open VIP tickets")
    func agentLeavesTheRole() throws {
        let agent = user(.agent, onDuty: true)
        var change = UserChange()
        change.role = .accounting
        let after = AccountRule.changed(agent, by: change)
        #expect(after.role == .accounting && after.onDuty == false)
        try AccountRule.check(agent, becoming: after, openVIPTickets: 0, otherEnabledAdmins: 0)
        #expect(throws: AccountStoreError.holdsVIPTickets(2)) {
            try AccountRule.check(agent, becoming: after, openVIPTickets: 2, otherEnabledAdmins: 3)
        }
        var phone = UserChange()
        phone.phone = "+79990000000"
        let renamed = AccountRule.changed(agent, by: phone)
        #expect(renamed.onDuty && renamed.phone == "+79990000000", "a change that keeps the role keeps duty")
        try AccountRule.check(agent, becoming: renamed, openVIPTickets: 2, otherEnabledAdmins: 0)
    }

    @Test("the last enabled admin can be neither demoted nor disabled; with another admin, either may")
    func lastAdmin() throws {
        let admin = user(.admin)
        var disable = UserChange()
        disable.disabled = true
        var demote = UserChange()
        demote.role = .agent
        for change in [disable, demote] {
            let after = AccountRule.changed(admin, by: change)
            #expect(throws: AccountStoreError.lastAdmin) { try AccountRule.check(admin, becoming: after, openVIPTickets: 0, otherEnabledAdmins: 0) }
            try AccountRule.check(admin, becoming: after, openVIPTickets: 0, otherEnabledAdmins: 1)
        }
        let disabledAdmin = user(.admin, disabled: true)
        try AccountRule.check(disabledAdmin, becoming: AccountRule.changed(disabledAdmin, by: demote), openVIPTickets: 0, otherEnabledAdmins: 0)
    }
}
