extension CalendarComposer {
    /// Adds an organizer and attendees: colleagues from the tenant and people outside it.
    /// The account owner is either the organizer or one of the attendees.
    mutating func addMeeting(to draft: inout EventDraft) {
        let owner = participant(profile.person, address: profile.address)
        var guests: [Participant] = []
        for _ in 0..<random.int(in: 1...6) {
            let guest = randomGuest()
            if guest.address != owner.address, !guests.contains(where: { $0.address == guest.address }) { guests.append(guest) }
        }
        if guests.isEmpty { guests.append(externalGuest()) }
        let ownerOrganizes = random.chance(0.45)
        let organizer = ownerOrganizes ? owner : guests.removeFirst()
        draft.organizer = organizer
        if profile.flavor == .google {
            var chair = organizer
            chair.role = "CHAIR"
            chair.status = "ACCEPTED"
            chair.wantsReply = false
            draft.attendees.append(chair)
        }
        if !ownerOrganizes {
            var me = owner
            me.status = random.pick(["ACCEPTED", "ACCEPTED", "TENTATIVE", "NEEDS-ACTION"])
            draft.attendees.append(me)
        }
        draft.attendees += guests
    }

    /// A colleague of the tenant most of the time, else someone from outside.
    private mutating func randomGuest() -> Participant {
        var guest: Participant
        if configuration.accounts > 1, random.chance(0.7) {
            let colleague = AccountProfile(index: random.int(in: 0...(configuration.accounts - 1)), seed: configuration.seed, domain: configuration.domain)
            guest = participant(colleague.person, address: colleague.address)
        } else {
            guest = externalGuest()
        }
        guest.role = random.chance(0.85) ? "REQ-PARTICIPANT" : "OPT-PARTICIPANT"
        guest.status = random.pick(PhraseCatalog.outlookAttendeeStates)
        return guest
    }

    /// Someone from outside the tenant.
    private mutating func externalGuest() -> Participant {
        let person = Person.random(using: &random)
        return participant(person, address: person.mailboxStem + "@" + random.pick(NameCatalog.externalDomains))
    }

    /// Outlook shows directory names ("Müller, Jürgen") now and then; they need quoting.
    private mutating func participant(_ person: Person, address: String) -> Participant {
        let useDirectoryName = profile.flavor == .outlook && random.chance(0.3)
        return Participant(name: useDirectoryName ? person.directoryName : person.displayName, address: address)
    }

    /// Adds location, categories and descriptions (long ones on meetings, with an HTML
    /// twin on Outlook).
    mutating func addTexts(to draft: inout EventDraft, isMeeting: Bool) {
        let location = random.pick(PhraseCatalog.locations)
        draft.location = location.isEmpty ? nil : location
        if random.chance(0.3) {
            draft.categories = [random.pick(PhraseCatalog.categories)]
            if random.chance(0.3) { draft.categories.append(random.pick(PhraseCatalog.categories)) }
        }
        if isMeeting, random.chance(0.6) {
            let agenda = (0..<random.int(in: 2...5)).map { _ in random.pick(PhraseCatalog.agendaItems) }
            let join = random.pick(PhraseCatalog.joinBlurbs)
            draft.description = plainDescription(agenda: agenda, join: join)
            if profile.flavor == .outlook { draft.htmlDescription = htmlDescription(agenda: agenda, join: join) }
        } else if random.chance(0.25) {
            draft.description = "Notiz: " + random.pick(PhraseCatalog.agendaItems) + "\nBitte mitbringen: Laptop, Ausweis; Unterlagen."
        }
    }

    private func plainDescription(agenda: [String], join: String) -> String {
        var parts = ["Hello all,\n\nAgenda:\n"]
        for (number, item) in agenda.enumerated() { parts.append(String(number + 1) + ". " + item + "\n") }
        parts += ["\n", Self.rule, "\n", join, "\n\nLearn more | Meeting options; please don't forward, thanks.\n", Self.rule]
        return parts.joined()
    }

    /// The underscore line Teams puts around its meeting block.
    private static let rule = String(repeating: "_", count: 80)

    private func htmlDescription(agenda: [String], join: String) -> String {
        var parts = [Self.htmlHead]
        for item in agenda { parts += ["<LI><FONT FACE=\"Aptos\">", item, "</FONT></LI>\n"] }
        parts += ["</OL>\n<P>&nbsp;</P>\n<P><A HREF=\"https://teams.example.com/l/meetup-join\">", join, "</A></P>\n</BODY>\n</HTML>"]
        return parts.joined()
    }

    private static let htmlHead = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2//EN\">\n<HTML>\n<HEAD>\n"
        + "<META NAME=\"Generator\" CONTENT=\"MS Exchange Server version 16.0.17928.20114\">\n<TITLE></TITLE>\n</HEAD>\n<BODY>\n"
        + "<P DIR=LTR><SPAN LANG=\"de\"><FONT FACE=\"Aptos\">Hello all,</FONT></SPAN></P>\n<P><B>Agenda:</B></P>\n<OL>\n"
}
