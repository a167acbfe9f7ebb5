#ifndef CALIMPORT_CCURL_SHIM_H
#define CALIMPORT_CCURL_SHIM_H
#include <curl/curl.h>

/* Swift cannot call the variadic curl_easy_setopt / curl_easy_getinfo:
   these typed wrappers give it one entry point per argument type. */

typedef size_t (*calimport_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);
typedef int (*calimport_curl_seek_callback)(void *userdata, curl_off_t offset, int origin);

static inline CURLcode calimport_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode calimport_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode calimport_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode calimport_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode calimport_curl_set_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode calimport_curl_set_callback(CURL *handle, CURLoption option, calimport_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode calimport_curl_set_seek_callback(CURL *handle, CURLoption option, calimport_curl_seek_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode calimport_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode calimport_curl_get_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* Option constants that Swift imports poorly (enum values built by macros). */
static const CURLoption CALIMPORT_CURLOPT_URL = CURLOPT_URL;
static const CURLoption CALIMPORT_CURLOPT_CUSTOMREQUEST = CURLOPT_CUSTOMREQUEST;
static const CURLoption CALIMPORT_CURLOPT_HTTPHEADER = CURLOPT_HTTPHEADER;
static const CURLoption CALIMPORT_CURLOPT_POSTFIELDS = CURLOPT_POSTFIELDS;
static const CURLoption CALIMPORT_CURLOPT_POSTFIELDSIZE_LARGE = CURLOPT_POSTFIELDSIZE_LARGE;
static const CURLoption CALIMPORT_CURLOPT_READFUNCTION = CURLOPT_READFUNCTION;
static const CURLoption CALIMPORT_CURLOPT_READDATA = CURLOPT_READDATA;
static const CURLoption CALIMPORT_CURLOPT_SEEKFUNCTION = CURLOPT_SEEKFUNCTION;
static const CURLoption CALIMPORT_CURLOPT_SEEKDATA = CURLOPT_SEEKDATA;
static const size_t CALIMPORT_CURL_READFUNC_ABORT = CURL_READFUNC_ABORT;
static const int CALIMPORT_CURL_SEEKFUNC_OK = CURL_SEEKFUNC_OK;
static const int CALIMPORT_CURL_SEEKFUNC_FAIL = CURL_SEEKFUNC_FAIL;
static const CURLoption CALIMPORT_CURLOPT_NOBODY = CURLOPT_NOBODY;
static const CURLoption CALIMPORT_CURLOPT_HTTPGET = CURLOPT_HTTPGET;
static const CURLoption CALIMPORT_CURLOPT_POST = CURLOPT_POST;
static const CURLoption CALIMPORT_CURLOPT_WRITEFUNCTION = CURLOPT_WRITEFUNCTION;
static const CURLoption CALIMPORT_CURLOPT_WRITEDATA = CURLOPT_WRITEDATA;
static const CURLoption CALIMPORT_CURLOPT_HEADERFUNCTION = CURLOPT_HEADERFUNCTION;
static const CURLoption CALIMPORT_CURLOPT_HEADERDATA = CURLOPT_HEADERDATA;
static const CURLoption CALIMPORT_CURLOPT_USERNAME = CURLOPT_USERNAME;
static const CURLoption CALIMPORT_CURLOPT_PASSWORD = CURLOPT_PASSWORD;
static const CURLoption CALIMPORT_CURLOPT_HTTPAUTH = CURLOPT_HTTPAUTH;
static const CURLoption CALIMPORT_CURLOPT_TIMEOUT_MS = CURLOPT_TIMEOUT_MS;
static const CURLoption CALIMPORT_CURLOPT_CONNECTTIMEOUT_MS = CURLOPT_CONNECTTIMEOUT_MS;
static const CURLoption CALIMPORT_CURLOPT_NOSIGNAL = CURLOPT_NOSIGNAL;
static const CURLoption CALIMPORT_CURLOPT_SSL_VERIFYPEER = CURLOPT_SSL_VERIFYPEER;
static const CURLoption CALIMPORT_CURLOPT_SSL_VERIFYHOST = CURLOPT_SSL_VERIFYHOST;
static const CURLoption CALIMPORT_CURLOPT_CAINFO = CURLOPT_CAINFO;
static const CURLoption CALIMPORT_CURLOPT_FOLLOWLOCATION = CURLOPT_FOLLOWLOCATION;
static const CURLoption CALIMPORT_CURLOPT_USERAGENT = CURLOPT_USERAGENT;
static const CURLoption CALIMPORT_CURLOPT_ERRORBUFFER = CURLOPT_ERRORBUFFER;
static const CURLoption CALIMPORT_CURLOPT_TCP_KEEPALIVE = CURLOPT_TCP_KEEPALIVE;
static const CURLINFO CALIMPORT_CURLINFO_RESPONSE_CODE = CURLINFO_RESPONSE_CODE;
static const CURLINFO CALIMPORT_CURLINFO_TOTAL_TIME = CURLINFO_TOTAL_TIME;
static const long CALIMPORT_CURLAUTH_BASIC = (long)CURLAUTH_BASIC;
#endif
