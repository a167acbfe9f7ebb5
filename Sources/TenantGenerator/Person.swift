/// Someone who owns a mailbox or attends a meeting: a display name (often not ASCII) and the
/// ASCII spelling used in mail addresses.
struct Person: Sendable, Hashable {
    var givenName: String
    var familyName: String
    var asciiGivenName: String
    var asciiFamilyName: String

    /// "Jürgen Müller"
    var displayName: String {
        givenName + " " + familyName
    }

    /// "Müller, Jürgen", the way Exchange directories show people (needs quoting as a CN).
    var directoryName: String {
        familyName + ", " + givenName
    }

    /// "juergen.mueller"
    var mailboxStem: String {
        asciiGivenName + "." + asciiFamilyName
    }

    /// A random person drawn from `NameCatalog`.
    static func random(using generator: inout SeededGenerator) -> Person {
        let given = generator.pick(NameCatalog.givenNames)
        let family = generator.pick(NameCatalog.familyNames)
        return Person(givenName: given.display, familyName: family.display, asciiGivenName: given.ascii, asciiFamilyName: family.ascii)
    }
}
