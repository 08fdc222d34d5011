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
            int octets = 0, value = 0, digits = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c >= '0' && c <= '9')
                {
                    value = value * 10 + (c - '0');
                    if (++digits > 3 || value > 255) return false;
                }
                else if (c == '.' && digits > 0 && octets < 4)
                {
                    address = (address << 8) | (uint)value;
                    octets++;
                    value = 0;
                    digits = 0;
                }
                else
                {
                    address = 0;
                    return false;
                }
            }
            if (octets == 4) return true;
            address = 0;
            return false;
        }
    }
}
