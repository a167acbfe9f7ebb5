import CCurl
import Foundation

/// One request on one easy handle: sets the options, runs it, collects the response.
struct Transfer {
    let handle: UnsafeMutableRawPointer
    let configuration: HTTPClient.Configuration

    func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(headerList) }
        for (name, value) in request.headers + [("Expect", "")] {
            headerList = curl_slist_append(headerList, value.isEmpty ? "\(name):" : "\(name): \(value)")
        }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let started = Date()
        let code: CURLcode = try withExtendedLifetime(sink) {
            try errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
                setCommonOptions(request, headers: headerList, sink: sinkPointer, errorBuffer: errorPointer.baseAddress!)
                guard let body = request.body else {
                    setMethodWithoutBody(request.method)
                    return curl_easy_perform(handle)
                }
                let reader = UploadReader(body)
                return try withExtendedLifetime(reader) {
                    let readerPointer = Unmanaged.passUnretained(reader).toOpaque()
                    _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_POST, 1)
                    _ = calimport_curl_set_offset(handle, CALIMPORT_CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                    _ = calimport_curl_set_callback(handle, CALIMPORT_CURLOPT_READFUNCTION, UploadReader.readCallback)
                    _ = calimport_curl_set_pointer(handle, CALIMPORT_CURLOPT_READDATA, readerPointer)
                    _ = calimport_curl_set_seek_callback(handle, CALIMPORT_CURLOPT_SEEKFUNCTION, UploadReader.seekCallback)
                    _ = calimport_curl_set_pointer(handle, CALIMPORT_CURLOPT_SEEKDATA, readerPointer)
                    if request.method != "POST" {
                        _ = calimport_curl_set_string(handle, CALIMPORT_CURLOPT_CUSTOMREQUEST, request.method)
                    }
                    let code = curl_easy_perform(handle)
                    if code == CURLE_ABORTED_BY_CALLBACK, let failure = reader.failure { return Result<CURLcode, Error>.failure(failure) }
                    return .success(code)
                }.get()
            }
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw Self.transportError(code, detail: detail)
        }
        var status = 0
        _ = calimport_curl_get_long(handle, CALIMPORT_CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body, duration: Date().timeIntervalSince(started))
    }

    private func setCommonOptions(
        _ request: HTTPRequest, headers: UnsafeMutablePointer<curl_slist>?,
        sink: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>
    ) {
        _ = calimport_curl_set_string(handle, CALIMPORT_CURLOPT_URL, request.url)
        _ = calimport_curl_set_slist(handle, CALIMPORT_CURLOPT_HTTPHEADER, headers)
        _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_NOSIGNAL, 1)
        _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_TCP_KEEPALIVE, 1)
        _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_TIMEOUT_MS, Int(request.timeout * 1000))
        _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        _ = calimport_curl_set_string(handle, CALIMPORT_CURLOPT_USERAGENT, configuration.userAgent)
        _ = calimport_curl_set_pointer(handle, CALIMPORT_CURLOPT_ERRORBUFFER, errorBuffer)
        _ = calimport_curl_set_callback(handle, CALIMPORT_CURLOPT_WRITEFUNCTION, ResponseSink.bodyCallback)
        _ = calimport_curl_set_pointer(handle, CALIMPORT_CURLOPT_WRITEDATA, sink)
        _ = calimport_curl_set_callback(handle, CALIMPORT_CURLOPT_HEADERFUNCTION, ResponseSink.headerCallback)
        _ = calimport_curl_set_pointer(handle, CALIMPORT_CURLOPT_HEADERDATA, sink)
        if !configuration.verifyTLS {
            _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_SSL_VERIFYPEER, 0)
            _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let caBundle = configuration.caBundlePath {
            _ = calimport_curl_set_string(handle, CALIMPORT_CURLOPT_CAINFO, caBundle)
        }
        if let credentials = request.credentials {
            _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_HTTPAUTH, CALIMPORT_CURLAUTH_BASIC)
            _ = calimport_curl_set_string(handle, CALIMPORT_CURLOPT_USERNAME, credentials.user)
            _ = calimport_curl_set_string(handle, CALIMPORT_CURLOPT_PASSWORD, credentials.password)
        }
    }

    private func setMethodWithoutBody(_ method: String) {
        switch method {
        case "GET":
            _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_HTTPGET, 1)
        case "HEAD":
            _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_NOBODY, 1)
        default:
            _ = calimport_curl_set_long(handle, CALIMPORT_CURLOPT_HTTPGET, 1)
            _ = calimport_curl_set_string(handle, CALIMPORT_CURLOPT_CUSTOMREQUEST, method)
        }
    }

    static func transportError(_ code: CURLcode, detail: String) -> HTTPTransportError {
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let kind: HTTPTransportError.Code
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timedOut
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_PROXY,
             CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            kind = .connectionFailed
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
            kind = .tlsFailed
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            kind = .invalidRequest
        default:
            kind = .other
        }
        return HTTPTransportError(code: kind, curlCode: Int(code.rawValue), message: message)
    }
}
