namespace NanoTcp.Firmware
{
    /// <summary>
    /// An incremental parser of one HTTP/1.1 request head (RFC 9112 §2–§5): the request line and the field lines up
    /// to the empty line, fed in whatever pieces TCP delivers. It keeps only what the status server needs (method,
    /// which page, keep-alive, whether a body follows) and enforces two limits: a request line longer than
    /// <c>maxRequestLine</c> fails with 414 (in the target) or 400, a field section longer than
    /// <c>maxHeaderBytes</c> with 431, both as soon as the limit is passed, without waiting for the line's end.
    /// Allocates nothing after construction.
    /// </summary>
    public sealed class HttpRequestHead
    {
        /// <summary><see cref="State"/>: more bytes needed.</summary>
        public const int Incomplete = 0;

        /// <summary><see cref="State"/>: the head ended with its empty line; the properties describe it.</summary>
        public const int Complete = 1;

        /// <summary><see cref="State"/>: the head is invalid; <see cref="Status"/> is the error to answer with.</summary>
        public const int Failed = 2;

        /// <summary><see cref="Page"/>: "/" (the status page).</summary>
        public const int PageStatus = 0;

        /// <summary><see cref="Page"/>: "/metrics".</summary>
        public const int PageMetrics = 1;

        /// <summary><see cref="Page"/>: any other target.</summary>
        public const int PageOther = 2;

        // Empty lines tolerated before the request line (RFC 9112 §2.2: SHOULD ignore at least one).
        private const int MaxLeadingEmptyLines = 2;

        private readonly byte[] _line;
        private readonly int _maxRequestLine;
        private readonly int _maxHeaderBytes;
        private int _length;
        private bool _inRequestLine;
        private int _emptyLines;
        private int _headerBytes;
        private int _hosts;
        private bool _close;
        private bool _keepAliveAsked;
        private bool _http11;

        /// <summary>Allocates the line buffer for the two limits.</summary>
        public HttpRequestHead(int maxRequestLine, int maxHeaderBytes)
        {
            _maxRequestLine = maxRequestLine;
            _maxHeaderBytes = maxHeaderBytes;
            _line = new byte[(maxRequestLine > maxHeaderBytes ? maxRequestLine : maxHeaderBytes) + 1];
            Reset();
        }

        /// <summary><see cref="Incomplete"/>, <see cref="Complete"/> or <see cref="Failed"/>.</summary>
        public int State { get; private set; }

        /// <summary>The error status when <see cref="State"/> is <see cref="Failed"/>.</summary>
        public int Status { get; private set; }

        /// <summary>True once a byte of this request (other than leading empty lines) arrived.</summary>
        public bool Started { get; private set; }

        /// <summary>GET or HEAD (anything else is answered with 405).</summary>
        public bool MethodAllowed { get; private set; }

        /// <summary>HEAD: the response has no body.</summary>
        public bool IsHead { get; private set; }

        /// <summary><see cref="PageStatus"/>, <see cref="PageMetrics"/> or <see cref="PageOther"/>.</summary>
        public int Page { get; private set; }

        /// <summary>The connection may carry another request after the response (RFC 9112 §9.3).</summary>
        public bool KeepAlive { get; private set; }

        /// <summary>The request announced a body (Content-Length &gt; 0 or Transfer-Encoding): the server closes after answering.</summary>
        public bool HasBody { get; private set; }

        /// <summary>Starts over for the next request on the connection.</summary>
        public void Reset()
        {
            State = Incomplete;
            Status = 0;
            Started = false;
            MethodAllowed = IsHead = HasBody = KeepAlive = false;
            Page = PageOther;
            _length = 0;
            _inRequestLine = true;
            _emptyLines = 0;
            _headerBytes = 0;
            _hosts = 0;
            _close = _keepAliveAsked = _http11 = false;
        }

        /// <summary>
        /// Consumes bytes until the head completes or fails; returns how many were used (the rest belong to the
        /// next request: pipelining).
        /// </summary>
        public int Feed(byte[] buffer, int offset, int count)
        {
            int used = 0;
            while (used < count && State == Incomplete)
            {
                byte b = buffer[offset + used++];
                if (b == (byte)'\n')
                {
                    EndOfLine();
                    continue;
                }
                if (_inRequestLine)
                {
                    Started = true;
                    if (_length >= _maxRequestLine)
                    {
                        Fail(Contains((byte)' ') ? HttpStatus.UriTooLong : HttpStatus.BadRequest);
                        break;
                    }
                }
                else if (++_headerBytes > _maxHeaderBytes)
                {
                    Fail(HttpStatus.HeaderFieldsTooLarge);
                    break;
                }
                _line[_length++] = b;
            }
            return used;
        }

        private void EndOfLine()
        {
            // CRLF or a bare LF ends a line (RFC 9112 §2.2); a CR anywhere else is invalid.
            if (_length > 0 && _line[_length - 1] == (byte)'\r') _length--;
            if (!_inRequestLine) _headerBytes++;
            if (Contains((byte)'\r'))
            {
                Fail(HttpStatus.BadRequest);
            }
            else if (_inRequestLine)
            {
                if (_length == 0)
                {
                    if (++_emptyLines > MaxLeadingEmptyLines) Fail(HttpStatus.BadRequest);
                }
                else
                {
                    RequestLine();
                    _inRequestLine = false;
                }
            }
            else if (_length == 0)
            {
                EndOfHead();
            }
            else
            {
                FieldLine();
            }
            _length = 0;
        }

        // request-line = method SP request-target SP HTTP-version (RFC 9112 §3).
        private void RequestLine()
        {
            int sp1 = IndexOf((byte)' ', 0);
            int sp2 = sp1 < 0 ? -1 : IndexOf((byte)' ', sp1 + 1);
            if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || IndexOf((byte)' ', sp2 + 1) >= 0 || !IsToken(0, sp1))
            {
                Fail(HttpStatus.BadRequest);
                return;
            }
            IsHead = Equals(0, sp1, "HEAD");
            MethodAllowed = IsHead || Equals(0, sp1, "GET");
            if (!Target(sp1 + 1, sp2)) return;
            Version(sp2 + 1);
        }

        // origin-form "/path?query" or absolute-form "http://host/path" (RFC 9112 §3.2.1, §3.2.2).
        private bool Target(int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (_line[i] <= 0x20 || _line[i] >= 0x7F) return Fail(HttpStatus.BadRequest);
            }
            if (_line[start] != (byte)'/')
            {
                int scheme = IndexOf((byte)':', start);
                if (scheme < 0 || scheme > end - 3 || _line[scheme + 1] != (byte)'/' || _line[scheme + 2] != (byte)'/') return Fail(HttpStatus.BadRequest);
                int path = IndexOf((byte)'/', scheme + 3);
                start = path < 0 || path >= end ? end : path;
            }
            int query = IndexOf((byte)'?', start);
            int pathEnd = query >= 0 && query < end ? query : end;
            if (pathEnd == start || Equals(start, pathEnd, "/")) Page = PageStatus;
            else if (Equals(start, pathEnd, "/metrics")) Page = PageMetrics;
            else Page = PageOther;
            return true;
        }

        // HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3); major 1 only.
        private void Version(int start)
        {
            if (_length - start != 8 || !Equals(start, start + 5, "HTTP/") || !IsDigit(_line[start + 5]) ||
                _line[start + 6] != (byte)'.' || !IsDigit(_line[start + 7]))
            {
                Fail(HttpStatus.BadRequest);
                return;
            }
            if (_line[start + 5] != (byte)'1')
            {
                Fail(HttpStatus.VersionNotSupported);
                return;
            }
            _http11 = _line[start + 7] != (byte)'0';
            KeepAlive = _http11; // HTTP/1.1 persists by default, 1.0 only when asked (RFC 9112 §9.3)
        }

        // field-line = field-name ":" OWS field-value OWS (RFC 9112 §5); obs-fold is rejected (§5.2).
        private void FieldLine()
        {
            int colon = IndexOf((byte)':', 0);
            if (colon <= 0 || !IsToken(0, colon))
            {
                Fail(HttpStatus.BadRequest);
                return;
            }
            int start = colon + 1;
            int end = _length;
            while (start < end && IsSpace(_line[start])) start++;
            while (end > start && IsSpace(_line[end - 1])) end--;
            if (EqualsIgnoreCase(0, colon, "host"))
            {
                _hosts++;
            }
            else if (EqualsIgnoreCase(0, colon, "connection"))
            {
                if (ContainsIgnoreCase(start, end, "close")) _close = true;
                if (ContainsIgnoreCase(start, end, "keep-alive")) _keepAliveAsked = true;
            }
            else if (EqualsIgnoreCase(0, colon, "content-length"))
            {
                if (start == end) Fail(HttpStatus.BadRequest);
                for (int i = start; i < end; i++)
                {
                    if (!IsDigit(_line[i])) Fail(HttpStatus.BadRequest);
                    else if (_line[i] != (byte)'0') HasBody = true;
                }
            }
            else if (EqualsIgnoreCase(0, colon, "transfer-encoding"))
            {
                HasBody = true;
            }
        }

        private void EndOfHead()
        {
            // A 1.1 request needs exactly one Host (RFC 9112 §3.2).
            if (_http11 && _hosts != 1)
            {
                Fail(HttpStatus.BadRequest);
                return;
            }
            if (!KeepAlive) KeepAlive = _keepAliveAsked;
            if (_close || HasBody || !MethodAllowed) KeepAlive = false; // we never read request bodies
            State = Complete;
        }

        private bool Fail(int status)
        {
            if (State == Incomplete)
            {
                State = Failed;
                Status = status;
            }
            return false;
        }

        private int IndexOf(byte value, int from)
        {
            for (int i = from; i < _length; i++)
            {
                if (_line[i] == value) return i;
            }
            return -1;
        }

        private bool Contains(byte value) => IndexOf(value, 0) >= 0;

        private bool Equals(int start, int end, string text)
        {
            if (end - start != text.Length) return false;
            for (int i = 0; i < text.Length; i++)
            {
                if (_line[start + i] != (byte)text[i]) return false;
            }
            return true;
        }

        private bool EqualsIgnoreCase(int start, int end, string lower)
        {
            if (end - start != lower.Length) return false;
            for (int i = 0; i < lower.Length; i++)
            {
                if (Lower(_line[start + i]) != (byte)lower[i]) return false;
            }
            return true;
        }

        private bool ContainsIgnoreCase(int start, int end, string lower)
        {
            for (int i = start; i + lower.Length <= end; i++)
            {
                if (EqualsIgnoreCase(i, i + lower.Length, lower)) return true;
            }
            return false;
        }

        // tchar (RFC 9110 §5.6.2): visible ASCII except delimiters.
        private bool IsToken(int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                byte c = _line[i];
                if (c <= 0x20 || c >= 0x7F) return false;
                switch (c)
                {
                    case (byte)'(': case (byte)')': case (byte)',': case (byte)'/': case (byte)':': case (byte)';':
                    case (byte)'<': case (byte)'=': case (byte)'>': case (byte)'?': case (byte)'@': case (byte)'[':
                    case (byte)'\\': case (byte)']': case (byte)'{': case (byte)'}': case (byte)'"':
                        return false;
                }
            }
            return end > start;
        }

        private static bool IsDigit(byte c) => c >= (byte)'0' && c <= (byte)'9';

        private static bool IsSpace(byte c) => c == (byte)' ' || c == (byte)'\t';

        private static byte Lower(byte c) => c >= (byte)'A' && c <= (byte)'Z' ? (byte)(c + 32) : c;
    }
}
