/// Which product an account's calendar looks like it was exported from. Decides the PRODID,
/// the TZIDs (Windows names on Outlook), the usual UID shape and vendor X- properties.
enum ExportFlavor: Int, Sendable, CaseIterable {
    case outlook
    case google
    case zimbra

    var productIdentifier: String {
        switch self {
        case .outlook: "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
        case .google: "-//Google Inc//Google Calendar 70.9054//EN"
        case .zimbra: "-//Zimbra Inc.//Zimbra Calendar Server 10.1.0//EN"
        }
    }

    /// The zones an account of this flavour may use; the first one of the account's choice
    /// is its home zone.
    var homeZones: [TimeZoneDefinition] {
        switch self {
        case .outlook: [.westEurope, .easternUS]
        case .google, .zimbra: [.berlin, .newYork, .london]
        }
    }

    /// Zones of colleagues abroad that some meetings are scheduled in.
    var foreignZones: [TimeZoneDefinition] {
        switch self {
        case .outlook: [.westEurope, .easternUS, .tokyo]
        case .google, .zimbra: [.berlin, .newYork, .london, .tokyo]
        }
    }

    /// The UID shape this product usually writes.
    var usualIdentifierShape: EventIdentifier.Shape {
        switch self {
        case .outlook: .outlook
        case .google: .google
        case .zimbra: .uuid
        }
    }
}
