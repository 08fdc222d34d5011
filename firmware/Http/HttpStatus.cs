namespace NanoTcp.Firmware
{
    /// <summary>The status codes the status server sends (RFC 9110 §15, RFC 6585 §5 for 431) and their reason phrases.</summary>
    public static class HttpStatus
    {
        /// <summary>200 OK.</summary>
        public const int Ok = 200;

        /// <summary>400 Bad Request: a request line or field line that does not parse (RFC 9112 §3, §5).</summary>
        public const int BadRequest = 400;

        /// <summary>404 Not Found: a path other than / and /metrics.</summary>
        public const int NotFound = 404;

        /// <summary>405 Method Not Allowed: anything but GET and HEAD (sent with Allow, RFC 9110 §15.5.6).</summary>
        public const int MethodNotAllowed = 405;

        /// <summary>408 Request Timeout: the request head did not complete in time (slowloris).</summary>
        public const int RequestTimeout = 408;

        /// <summary>414 URI Too Long: the request target made the request line exceed its limit (RFC 9112 §3).</summary>
        public const int UriTooLong = 414;

        /// <summary>431 Request Header Fields Too Large (RFC 6585 §5).</summary>
        public const int HeaderFieldsTooLarge = 431;

        /// <summary>505 HTTP Version Not Supported: a major version other than 1.</summary>
        public const int VersionNotSupported = 505;

        /// <summary>The reason phrase of <paramref name="status"/> (a constant string).</summary>
        public static string Reason(int status)
        {
            switch (status)
            {
                case Ok: return "OK";
                case BadRequest: return "Bad Request";
                case NotFound: return "Not Found";
                case MethodNotAllowed: return "Method Not Allowed";
                case RequestTimeout: return "Request Timeout";
                case UriTooLong: return "URI Too Long";
                case HeaderFieldsTooLarge: return "Request Header Fields Too Large";
                case VersionNotSupported: return "HTTP Version Not Supported";
                default: return "Error";
            }
        }
    }
}
