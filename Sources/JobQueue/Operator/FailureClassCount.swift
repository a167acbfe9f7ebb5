/// How many accounts of a batch failed for one reason code (`source.parse`, `target.auth`, …).
public struct FailureClassCount: Sendable, Equatable, Codable {
    /// `transient` or `permanent`.
    public var errorClass: String
    /// The reason code.
    public var errorCode: String
    /// Failed accounts with that code.
    public var accounts: Int
    /// One example message.
    public var example: String

    public init(errorClass: String, errorCode: String, accounts: Int, example: String) {
        self.errorClass = errorClass
        self.errorCode = errorCode
        self.accounts = accounts
        self.example = example
    }

    enum CodingKeys: String, CodingKey {
        case errorClass = "error_class"
        case errorCode = "error_code"
        case accounts, example
    }
}
