namespace NanoTcp.Firmware
{
    /// <summary>
    /// A command line split into space-separated words, as offsets into the caller's line buffer (nothing is
    /// copied or allocated). Words beyond <see cref="MaxWords"/> are counted in <see cref="ExtraWords"/>.
    /// </summary>
    public sealed class CommandLine
    {
        /// <summary>Most words kept.</summary>
        public const int MaxWords = 8;

        private readonly int[] _start = new int[MaxWords];
        private readonly int[] _length = new int[MaxWords];
        private byte[] _line;

        /// <summary>Words found (at most <see cref="MaxWords"/>).</summary>
        public int Count { get; private set; }

        /// <summary>Words that did not fit.</summary>
        public int ExtraWords { get; private set; }

        /// <summary>Splits <paramref name="length"/> bytes of <paramref name="line"/> at spaces and tabs.</summary>
        public void Parse(byte[] line, int length)
        {
            _line = line;
            Count = 0;
            ExtraWords = 0;
            int i = 0;
            while (i < length)
            {
                while (i < length && IsSpace(line[i])) i++;
                if (i == length) break;
                int start = i;
                while (i < length && !IsSpace(line[i])) i++;
                if (Count < MaxWords)
                {
                    _start[Count] = start;
                    _length[Count] = i - start;
                    Count++;
                }
                else
                {
                    ExtraWords++;
                }
            }
        }

        /// <summary>True when word <paramref name="index"/> equals <paramref name="text"/>, ignoring ASCII case.</summary>
        public bool WordIs(int index, string text)
        {
            if (index >= Count || _length[index] != text.Length) return false;
            int start = _start[index];
            for (int i = 0; i < text.Length; i++)
            {
                if (Lower(_line[start + i]) != Lower((byte)text[i])) return false;
            }
            return true;
        }

        /// <summary>Parses word <paramref name="index"/> as a non-negative decimal number (at most 9 digits).</summary>
        public bool TryGetNumber(int index, out int value)
        {
            value = 0;
            if (index >= Count || _length[index] > 9) return false;
            int start = _start[index];
            for (int i = 0; i < _length[index]; i++)
            {
                int digit = _line[start + i] - '0';
                if (digit < 0 || digit > 9) return false;
                value = value * 10 + digit;
            }
            return true;
        }

        /// <summary>Parses word <paramref name="index"/> as a dotted-decimal IPv4 address.</summary>
        public bool TryGetIp(int index, out uint address)
        {
            address = 0;
            return index < Count && Ip4.TryParse(_line, _start[index], _length[index], out address);
        }

        /// <summary>Starts a DNS lookup of word <paramref name="index"/> (a name or an address); returns the <see cref="Dns.DnsStatus"/>.</summary>
        public int Lookup(int index, Dns.DnsResolver resolver)
        {
            if (index >= Count) return Dns.DnsStatus.InvalidName;
            return resolver.Resolve(_line, _start[index], _length[index]);
        }

        /// <summary>Writes word <paramref name="index"/> (at most <paramref name="maxLength"/> characters) to <paramref name="output"/>.</summary>
        public void WriteWord(int index, AsciiWriter output, int maxLength)
        {
            if (index >= Count) return;
            int n = _length[index] < maxLength ? _length[index] : maxLength;
            output.Write(_line, _start[index], n);
        }

        private static bool IsSpace(byte b) => b == (byte)' ' || b == (byte)'\t';

        private static byte Lower(byte b) => b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b + 32) : b;
    }
}
