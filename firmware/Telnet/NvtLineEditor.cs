namespace NanoTcp.Firmware
{
    /// <summary>
    /// Line discipline for the shell: collects printable characters into a fixed buffer and understands the
    /// ends of line a client may send — CR LF and CR NUL (RFC 854 NVT), bare LF (nc, Unix tools) and bare CR —
    /// plus backspace/DEL, Ctrl-C, Ctrl-U and Ctrl-D. When <see cref="Echo"/> is on (we negotiated WILL ECHO) it
    /// writes the visible effect of every key; in <see cref="Secret"/> mode (passwords) it echoes nothing.
    /// Input beyond <see cref="MaxLength"/> is dropped up to the end of the line, which is then reported as
    /// <see cref="LineEvent.TooLong"/> (one bell is echoed when the limit is first hit). Control characters other
    /// than the ones above and bytes outside 0x20–0x7E are ignored.
    /// </summary>
    public sealed class NvtLineEditor
    {
        private const byte Nul = 0x00;
        private const byte CtrlC = 0x03;
        private const byte CtrlD = 0x04;
        private const byte Bell = 0x07;
        private const byte Backspace = 0x08;
        private const byte LineFeed = 0x0A;
        private const byte CarriageReturn = 0x0D;
        private const byte CtrlU = 0x15;
        private const byte Delete = 0x7F;

        private readonly byte[] _line;
        private int _length;
        private bool _tooLong;
        private bool _afterCr;

        /// <summary>Allocates the line buffer once.</summary>
        public NvtLineEditor(int maxLength)
        {
            _line = new byte[maxLength];
        }

        /// <summary>The line being edited, or the completed line after <see cref="LineEvent.Completed"/>.</summary>
        public byte[] Line => _line;

        /// <summary>Characters in <see cref="Line"/>.</summary>
        public int Length => _length;

        /// <summary>Longest line accepted.</summary>
        public int MaxLength => _line.Length;

        /// <summary>Echo the effect of each key (set from the negotiated ECHO option).</summary>
        public bool Echo { get; set; }

        /// <summary>Password entry: keys are not echoed.</summary>
        public bool Secret { get; set; }

        /// <summary>Starts a new empty line (after a completed line has been handled).</summary>
        public void Clear()
        {
            _length = 0;
            _tooLong = false;
        }

        /// <summary>Forgets everything, including a pending CR (a new connection).</summary>
        public void Reset()
        {
            Clear();
            _afterCr = false;
        }

        /// <summary>Handles one data byte, echoing into <paramref name="output"/> when <see cref="Echo"/> is on.</summary>
        public LineEvent Feed(byte value, AsciiWriter output)
        {
            bool afterCr = _afterCr;
            _afterCr = value == CarriageReturn;
            if (afterCr && (value == LineFeed || value == Nul))
            {
                return LineEvent.None; // second half of CR LF / CR NUL
            }
            switch (value)
            {
                case CarriageReturn:
                case LineFeed:
                    return EndOfLine(output);
                case Backspace:
                case Delete:
                    EraseCharacter(output);
                    return LineEvent.None;
                case CtrlC:
                    Clear();
                    return LineEvent.Interrupt;
                case CtrlU:
                    Clear();
                    return LineEvent.Erased;
                case CtrlD:
                    return _length == 0 && !_tooLong ? LineEvent.EndOfInput : LineEvent.None;
            }
            if (value >= 0x20 && value < 0x7F) Append(value, output);
            return LineEvent.None;
        }

        /// <summary>Erases the last character (backspace, DEL, IAC EC).</summary>
        public void EraseCharacter(AsciiWriter output)
        {
            if (_length == 0 || _tooLong) return;
            _length--;
            if (Echo && !Secret)
            {
                output.Write((byte)Backspace);
                output.Write((byte)' ');
                output.Write((byte)Backspace);
            }
        }

        private void Append(byte value, AsciiWriter output)
        {
            if (_tooLong) return;
            if (_length == _line.Length)
            {
                _tooLong = true;
                if (Echo) output.Write(Bell);
                return;
            }
            _line[_length++] = value;
            if (Echo && !Secret) output.Write(value);
        }

        private LineEvent EndOfLine(AsciiWriter output)
        {
            if (Echo) output.NewLine();
            if (_tooLong)
            {
                Clear();
                return LineEvent.TooLong;
            }
            return LineEvent.Completed;
        }
    }
}
