/// Given and family names of an international workforce, with their ASCII mailbox spelling.
enum NameCatalog {
    static let givenNames: [(display: String, ascii: String)] = [
        ("Anna", "anna"), ("Jürgen", "juergen"), ("Zoë", "zoe"), ("José", "jose"), ("Léa", "lea"),
        ("Søren", "soeren"), ("Małgorzata", "malgorzata"), ("François", "francois"), ("Björn", "bjoern"),
        ("Çağla", "cagla"), ("Yōko", "yoko"), ("Łukasz", "lukasz"), ("Maria", "maria"), ("Thomas", "thomas"),
        ("Sarah", "sarah"), ("Michael", "michael"), ("Chloé", "chloe"), ("Ángel", "angel"), ("Noémie", "noemie"),
        ("Emma", "emma"), ("Lukas", "lukas"), ("Mei", "mei"), ("Hiroshi", "hiroshi"), ("Olivia", "olivia"),
        ("Raúl", "raul"), ("Dagný", "dagny"), ("Ines", "ines"), ("Paul", "paul"), ("Elif", "elif"), ("Jan", "jan"),
    ]

    static let familyNames: [(display: String, ascii: String)] = [
        ("Schmidt", "schmidt"), ("Müller", "mueller"), ("García", "garcia"), ("Dubois", "dubois"),
        ("Kowalski", "kowalski"), ("Nielsen", "nielsen"), ("Yılmaz", "yilmaz"), ("Rossi", "rossi"),
        ("Smith", "smith"), ("Johnson", "johnson"), ("Weiß", "weiss"), ("Łęcki", "lecki"), ("Sørensen", "soerensen"),
        ("Tanaka", "tanaka"), ("Nguyễn", "nguyen"), ("O'Brien", "obrien"), ("van der Berg", "vanderberg"),
        ("Fernández", "fernandez"), ("Becker", "becker"), ("Novák", "novak"), ("Lefèvre", "lefevre"),
        ("Andersson", "andersson"), ("Costa", "costa"), ("Jensen", "jensen"), ("Hoffmann", "hoffmann"),
        ("Zhang", "zhang"), ("Papadopoulos", "papadopoulos"), ("Šimek", "simek"), ("Brown", "brown"), ("Wagner", "wagner"),
    ]

    /// Domains of people outside the tenant.
    static let externalDomains = ["partner.example", "customer.example.org", "agency.example.net", "gmail.example"]
}
