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
    /// The request body, if any: bytes in memory or ranges of files, read while it is sent.
    public var body: HTTPUpload?
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
        self.body = body.map { HTTPUpload([.bytes($0)]) }
        self.credentials = credentials
        self.timeout = timeout
    }

    /// A request whose body `upload` is read while it is sent (files are never loaded whole).
    public init(
        method: String, url: String, headers: [(String, String)] = [], upload: HTTPUpload,
        credentials: Credentials? = nil, timeout: Double = 60
    ) {
        self.init(method: method, url: url, headers: headers, credentials: credentials, timeout: timeout)
        body = upload
    }
}
