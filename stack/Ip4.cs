namespace NanoTcp
{
    /// <summary>
    /// IPv4 addresses as <see cref="uint"/>, first octet in the most significant byte
    /// (192.0.2.2 is 0xC0000202), so comparisons and masks are plain integer operations.
    /// </summary>
    public static class Ip4
    {
        /// <summary>The unspecified address 0.0.0.0.</summary>
        public const uint Any = 0;

        /// <summary>The limited broadcast address 255.255.255.255 (RFC 919).</summary>
        public const uint Broadcast = 0xFFFFFFFF;

        /// <summary>True for a class D (multicast) address, 224.0.0.0/4 (RFC 1112 §4).</summary>
        public static bool IsMulticast(uint address)
        {
            return (address >> 28) == 0xE;
        }

        /// <summary>Builds an address from its four dotted-decimal octets.</summary>
        public static uint Address(int a, int b, int c, int d)
        {
            return ((uint)(a & 0xFF) << 24) | ((uint)(b & 0xFF) << 16) | ((uint)(c & 0xFF) << 8) | (uint)(d & 0xFF);
        }

        /// <summary>Returns octet <paramref name="index"/> (0 = first, most significant) of an address.</summary>
        public static int Octet(uint address, int index)
        {
            return (int)((address >> (24 - 8 * (index & 3))) & 0xFF);
        }

        /// <summary>Dotted-decimal text (allocates: for shells and diagnostics, not for the data path).</summary>
        public static string ToString(uint address)
        {
            return Octet(address, 0).ToString() + "." + Octet(address, 1).ToString() + "." +
                   Octet(address, 2).ToString() + "." + Octet(address, 3).ToString();
        }

        /// <summary>
        /// Parses dotted-decimal text ("192.0.2.1"). Returns false (and 0) for anything else; never throws.
        /// </summary>
        public static bool TryParse(string text, out uint address)
        {
            address = 0;
            if (text == null) return false;
            uint parsed = 0;
            int octets = 0, value = 0, digits = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!Accept(text[i], ref parsed, ref octets, ref value, ref digits)) return false;
            }
            if (!Finish(ref parsed, octets, value, digits)) return false;
            address = parsed;
            return true;
        }

        /// <summary>
        /// Parses dotted-decimal ASCII in <paramref name="text"/>[<paramref name="offset"/>, +<paramref name="count"/>)
        /// without allocating (a shell command line). Returns false (and 0) for anything else; never throws.
        /// </summary>
        public static bool TryParse(byte[] text, int offset, int count, out uint address)
        {
            address = 0;
            if (text == null || offset < 0 || count < 0 || count > text.Length - offset) return false;
            uint parsed = 0;
            int octets = 0, value = 0, digits = 0;
            for (int i = 0; i < count; i++)
            {
                if (!Accept(text[offset + i], ref parsed, ref octets, ref value, ref digits)) return false;
            }
            if (!Finish(ref parsed, octets, value, digits)) return false;
            address = parsed;
            return true;
        }

        // Four decimal octets 0..255 of one to three digits, separated by single dots. The parser state lives in the
        // caller's locals (no struct: nanoCLR would heap-allocate it at every call).
        private static bool Accept(int c, ref uint address, ref int octets, ref int value, ref int digits)
        {
            if (c >= '0' && c <= '9')
            {
                value = value * 10 + (c - '0');
                return ++digits <= 3 && value <= 255;
            }
            if (c != '.' || digits == 0 || octets == 4) return false;
            address = (address << 8) | (uint)value;
            octets++;
            value = 0;
            digits = 0;
            return true;
        }

        private static bool Finish(ref uint address, int octets, int value, int digits)
        {
            bool complete = Accept('.', ref address, ref octets, ref value, ref digits) && octets == 4;
            return complete;
        }
    }
}
