using NanoTcp.Wire;

namespace NanoTcp.Dhcp
{
    /// <summary>
    /// The fixed part of a DHCP message (RFC 2131 §2, figure 1; BOOTP layout of RFC 951) as static accessors over
    /// <c>byte[] + offset</c>, and the writer of our requests. Options follow the magic cookie at
    /// <see cref="OptionsOffset"/> (RFC 2131 §3; RFC 2132).
    /// </summary>
    internal static class DhcpMessage
    {
        public const int ServerPort = 67;
        public const int ClientPort = 68;
        public const int OpRequest = 1;
        public const int OpReply = 2;
        public const int OptionsOffset = 240;
        /// <summary>BOOTP minimum message size (RFC 1542 §2.1): relay agents may drop shorter requests.</summary>
        public const int MinimumLength = 300;
        public const int FlagBroadcast = 0x8000;
        private const uint MagicCookie = 0x63825363; // 99.130.83.99 (RFC 2131 §3)

        public static int Op(byte[] b, int o) { return b[o]; }
        public static uint Xid(byte[] b, int o) { return NetworkOrder.Read32(b, o + 4); }
        public static uint Yiaddr(byte[] b, int o) { return NetworkOrder.Read32(b, o + 16); }
        public static int ChaddrOffset(int o) { return o + 28; }

        /// <summary>
        /// A reply we can read: long enough for the fixed part and cookie, BOOTREPLY, Ethernet hardware type with a
        /// 6-byte address, and the magic cookie.
        /// </summary>
        public static bool IsWellFormedReply(byte[] b, int o, int length)
        {
            if (length < OptionsOffset) return false;
            if (b[o] != OpReply || b[o + 1] != 1 || b[o + 2] != 6) return false;
            return NetworkOrder.Read32(b, o + 236) == MagicCookie;
        }

        /// <summary>
        /// Writes the fixed part of a BOOTREQUEST (zeroing sname/file) and the cookie; options follow at
        /// <c>o + OptionsOffset</c>.
        /// </summary>
        public static void WriteRequest(byte[] b, int o, uint xid, int secs, bool broadcast, uint ciaddr, byte[] mac, int macOffset)
        {
            System.Array.Clear(b, o, OptionsOffset);
            b[o] = OpRequest;
            b[o + 1] = 1; // htype Ethernet (RFC 1700)
            b[o + 2] = 6; // hlen
            NetworkOrder.Write32(b, o + 4, xid);
            NetworkOrder.Write16(b, o + 8, secs > 0xFFFF ? 0xFFFF : secs);
            NetworkOrder.Write16(b, o + 10, broadcast ? FlagBroadcast : 0);
            NetworkOrder.Write32(b, o + 12, ciaddr);
            MacAddress.Copy(mac, macOffset, b, o + 28);
            NetworkOrder.Write32(b, o + 236, MagicCookie);
        }
    }
}
