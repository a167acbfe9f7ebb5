import Foundation

/// One HTTP request for ``HTTPClient``.
public struct HTTPRequest: Sendable {
    /// Basic-auth credentials.
    public struct Credentials: Sendable, Equatable {
        /// The user name.
        public var user: String
        /// The password.
        public var password: String

        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    /// The method, e.g. `GET`, `PUT`, `MKCALENDAR`, `PROPFIND`.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header fields in order (name, value).
    public var headers: [(String, String)]
    /// The request body, if any.
    public var body: Data?
    /// Basic-auth credentials, if any (sent by libcurl; never logged).
    public var credentials: Credentials?
    /// Total time allowed for the request, in seconds. Default 60.
    public var timeout: Double

    public init(
        method: String, url: String, headers: [(String, String)] = [], body: Data? = nil,
        credentials: Credentials? = nil, timeout: Double = 60
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.credentials = credentials
        self.timeout = timeout
    }
}
