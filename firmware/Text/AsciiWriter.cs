namespace NanoTcp.Firmware
{
    /// <summary>
    /// A fixed-capacity ASCII output buffer with allocation-free formatting of text, decimal numbers, IPv4
    /// addresses and MAC addresses, and column padding for tables. mscorlib on nanoFramework has neither
    /// StringBuilder nor Encoding, and string concatenation allocates, so every piece of shell output is written
    /// here byte by byte. Bytes are removed from the front with <see cref="Consume"/> once TCP has taken them.
    /// Writes that do not fit are truncated (and <see cref="Overflowed"/> is set), never thrown.
    /// </summary>
    public sealed class AsciiWriter
    {
        private readonly byte[] _buffer;
        private readonly byte[] _digits = new byte[20];
        // Pending bytes are _buffer[_start.._end). Consume only advances _start: TCP taking part of the output
        // costs no copy; the rest moves to the front once, when a write finds the end of the buffer.
        private int _start;
        private int _end;
        private int _lineStart;

        /// <summary>Allocates the buffer once.</summary>
        public AsciiWriter(int capacity)
        {
            _buffer = new byte[capacity];
        }

        /// <summary>The bytes written and not yet consumed: <see cref="Count"/> bytes from <see cref="Start"/>.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Offset in <see cref="Buffer"/> of the first pending byte.</summary>
        public int Start => _start;

        /// <summary>Bytes written and not yet consumed.</summary>
        public int Count => _end - _start;

        /// <summary>Total capacity in bytes.</summary>
        public int Capacity => _buffer.Length;

        /// <summary>Bytes that can still be written.</summary>
        public int Free => _buffer.Length - _end + _start;

        /// <summary>True once a write was truncated because the buffer was full (cleared by <see cref="Clear"/>).</summary>
        public bool Overflowed { get; private set; }

        /// <summary>Characters written since the last line break (for <see cref="PadTo"/>).</summary>
        public int Column => _end - (_lineStart > _start ? _lineStart : _start);

        /// <summary>Discards everything.</summary>
        public void Clear()
        {
            _start = _end = 0;
            _lineStart = 0;
            Overflowed = false;
        }

        /// <summary>Removes the first <paramref name="count"/> bytes (those TCP accepted); nothing is copied.</summary>
        public void Consume(int count)
        {
            if (count <= 0) return;
            _start += count;
            if (_start < _end) return;
            _start = _end = 0;
            _lineStart = 0;
        }

        /// <summary>Moves the pending bytes to the front (only when a write reaches the end of the buffer).</summary>
        private void Compact()
        {
            int pending = _end - _start;
            System.Array.Copy(_buffer, _start, _buffer, 0, pending);
            _lineStart = _lineStart > _start ? _lineStart - _start : 0;
            _start = 0;
            _end = pending;
        }

        /// <summary>Appends one byte.</summary>
        public void Write(byte value)
        {
            if (_end == _buffer.Length && _start > 0) Compact();
            if (_end < _buffer.Length)
            {
                _buffer[_end++] = value;
            }
            else
            {
                Overflowed = true;
            }
        }

        /// <summary>Appends one ASCII character (anything outside 0x00–0x7E is written as '?').</summary>
        public void Write(char value)
        {
            Write(value < 0x7F ? (byte)value : (byte)'?');
        }

        /// <summary>Appends a string as ASCII. Null writes nothing.</summary>
        public void Write(string text)
        {
            if (text == null) return;
            for (int i = 0; i < text.Length; i++) Write(text[i]);
        }

        /// <summary>Appends bytes from an array.</summary>
        public void Write(byte[] source, int offset, int count)
        {
            for (int i = 0; i < count; i++) Write(source[offset + i]);
        }

        /// <summary>Ends the line with CR LF, the NVT end of line (RFC 854).</summary>
        public void NewLine()
        {
            Write((byte)'\r');
            Write((byte)'\n');
            _lineStart = _end;
        }

        /// <summary>Appends a string followed by CR LF.</summary>
        public void WriteLine(string text)
        {
            Write(text);
            NewLine();
        }

        /// <summary>Appends spaces until the current line is <paramref name="column"/> characters long (at least one space if it already is).</summary>
        public void PadTo(int column)
        {
            if (Column >= column)
            {
                Write((byte)' ');
                return;
            }
            while (Column < column && Free > 0) Write((byte)' ');
        }

        /// <summary>Appends a signed decimal number.</summary>
        public void WriteDecimal(long value)
        {
            int n = FormatDecimal(value);
            for (int i = n - 1; i >= 0; i--) Write(_digits[i]);
        }

        /// <summary>Appends a decimal number right-aligned in a field of <paramref name="width"/> characters.</summary>
        public void WriteDecimal(long value, int width)
        {
            int n = FormatDecimal(value);
            for (int i = n; i < width; i++) Write((byte)' ');
            for (int i = n - 1; i >= 0; i--) Write(_digits[i]);
        }

        /// <summary>Appends a non-negative number with at least <paramref name="digits"/> digits, zero-padded (clock fields).</summary>
        public void WriteZeroPadded(long value, int digits)
        {
            int n = FormatDecimal(value);
            for (int i = n; i < digits; i++) Write((byte)'0');
            for (int i = n - 1; i >= 0; i--) Write(_digits[i]);
        }

        /// <summary>Appends <paramref name="value"/> as <paramref name="digits"/> lower-case hexadecimal digits.</summary>
        public void WriteHex(long value, int digits)
        {
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
            {
                int nibble = (int)((value >> shift) & 0xF);
                Write((byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10));
            }
        }

        /// <summary>Appends an IPv4 address in dotted-decimal form.</summary>
        public void WriteIp(uint address)
        {
            for (int i = 0; i < 4; i++)
            {
                if (i > 0) Write((byte)'.');
                WriteDecimal(Ip4.Octet(address, i));
            }
        }

        /// <summary>Appends "address:port".</summary>
        public void WriteEndpoint(uint address, int port)
        {
            WriteIp(address);
            Write((byte)':');
            WriteDecimal(port);
        }

        /// <summary>Appends a MAC address from 6 bytes as aa:bb:cc:dd:ee:ff.</summary>
        public void WriteMac(byte[] mac, int offset)
        {
            for (int i = 0; i < 6; i++)
            {
                if (i > 0) Write((byte)':');
                WriteHex(mac[offset + i], 2);
            }
        }

        /// <summary>Appends a MAC address held in the low 48 bits of a long (first octet in bits 47..40).</summary>
        public void WriteMac(long mac)
        {
            for (int i = 0; i < 6; i++)
            {
                if (i > 0) Write((byte)':');
                WriteHex(mac >> (40 - 8 * i), 2);
            }
        }

        /// <summary>Copies the unconsumed bytes into <paramref name="chars"/> (for the rare log line) and returns the count.</summary>
        public int CopyTo(char[] chars)
        {
            int n = Count < chars.Length ? Count : chars.Length;
            for (int i = 0; i < n; i++) chars[i] = (char)_buffer[_start + i];
            return n;
        }

        // Digits are produced least significant first into _digits; returns how many (sign included).
        private int FormatDecimal(long value)
        {
            bool negative = value < 0;
            int n = 0;
            do
            {
                long q = value / 10;
                int digit = (int)(value - q * 10);
                _digits[n++] = (byte)('0' + (digit < 0 ? -digit : digit));
                value = q;
            }
            while (value != 0);
            if (negative) _digits[n++] = (byte)'-';
            return n;
        }
    }
}
