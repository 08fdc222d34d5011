using NanoTcp.Wire;

namespace NanoTcp.Dhcp
{
    /// <summary>
    /// DHCP options (RFC 2132): the codes we use, a bounds-checked walk over the option area, and writers.
    /// Each option is code, length, value; Pad (0) and End (255) are single bytes (RFC 2132 §3.1, §3.2).
    /// </summary>
    internal static class DhcpOption
    {
        public const int Pad = 0;
        public const int SubnetMask = 1;       // §3.3
        public const int Router = 3;           // §3.5
        public const int DomainNameServer = 6; // §3.8
        public const int HostName = 12;        // §3.14
        public const int NtpServers = 42;      // §8.3
        public const int RequestedAddress = 50;// §9.1
        public const int LeaseTime = 51;       // §9.2
        public const int MessageType = 53;     // §9.6
        public const int ServerIdentifier = 54;// §9.7
        public const int ParameterRequestList = 55; // §9.8
        public const int MaxMessageSize = 57;  // §9.10
        public const int RenewalTime = 58;     // §9.11 (T1)
        public const int RebindingTime = 59;   // §9.12 (T2)
        public const int ClientIdentifier = 61;// §9.14
        public const int End = 255;

        // Message types (RFC 2132 §9.6).
        public const int Discover = 1, Offer = 2, Request = 3, Decline = 4, Ack = 5, Nak = 6, Release = 7;

        /// <summary>
        /// True when every option from <paramref name="start"/> to <paramref name="end"/> fits (its length byte
        /// and value lie before <paramref name="end"/>), so <see cref="Find"/> can trust the lengths. A missing End
        /// is tolerated (the area simply stops).
        /// </summary>
        public static bool IsWellFormed(byte[] b, int start, int end)
        {
            int i = start;
            while (i < end)
            {
                int code = b[i];
                if (code == End) return true;
                if (code == Pad) { i++; continue; }
                if (i + 1 >= end) return false;
                i += 2 + b[i + 1];
                if (i > end) return false;
            }
            return true;
        }

        /// <summary>Offset of the value of the first option <paramref name="code"/> (its length at offset-1), or -1.</summary>
        public static int Find(byte[] b, int start, int end, int code)
        {
            int i = start;
            while (i < end)
            {
                int c = b[i];
                if (c == End) return -1;
                if (c == Pad) { i++; continue; }
                if (c == code) return i + 2;
                i += 2 + b[i + 1];
            }
            return -1;
        }

        /// <summary>The first 4-byte value of option <paramref name="code"/> (an address or a time), or <paramref name="missing"/>.</summary>
        public static uint Read32(byte[] b, int start, int end, int code, uint missing)
        {
            int v = Find(b, start, end, code);
            if (v < 0 || b[v - 1] < 4) return missing;
            return NetworkOrder.Read32(b, v);
        }

        /// <summary>The one-byte value of option <paramref name="code"/>, or -1.</summary>
        public static int Read8(byte[] b, int start, int end, int code)
        {
            int v = Find(b, start, end, code);
            if (v < 0 || b[v - 1] < 1) return -1;
            return b[v];
        }

        public static int Write8(byte[] b, int o, int code, int value)
        {
            b[o] = (byte)code;
            b[o + 1] = 1;
            b[o + 2] = (byte)value;
            return o + 3;
        }

        public static int Write16(byte[] b, int o, int code, int value)
        {
            b[o] = (byte)code;
            b[o + 1] = 2;
            NetworkOrder.Write16(b, o + 2, value);
            return o + 4;
        }

        public static int Write32(byte[] b, int o, int code, uint value)
        {
            b[o] = (byte)code;
            b[o + 1] = 4;
            NetworkOrder.Write32(b, o + 2, value);
            return o + 6;
        }

        /// <summary>Writes an option whose value is <paramref name="count"/> bytes of <paramref name="value"/>.</summary>
        public static int WriteBytes(byte[] b, int o, int code, byte[] value, int offset, int count)
        {
            b[o] = (byte)code;
            b[o + 1] = (byte)count;
            System.Array.Copy(value, offset, b, o + 2, count);
            return o + 2 + count;
        }
    }
}
