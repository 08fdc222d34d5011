using NanoTcp.Wire;

namespace NanoTcp.Sntp
{
    /// <summary>The 48-byte NTP/SNTP message (RFC 4330 §4) as static accessors over <c>byte[] + offset</c>.</summary>
    internal static class NtpPacket
    {
        public const int Length = 48;
        public const int Port = 123;
        public const int ModeClient = 3, ModeServer = 4;
        public const int LeapAlarm = 3;
        /// <summary>Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01).</summary>
        public const long UnixEpochSeconds = 2208988800L;

        public static int Leap(byte[] b, int o) { return b[o] >> 6; }
        public static int Version(byte[] b, int o) { return (b[o] >> 3) & 7; }
        public static int Mode(byte[] b, int o) { return b[o] & 7; }
        public static int Stratum(byte[] b, int o) { return b[o + 1]; }
        public static uint OriginateSeconds(byte[] b, int o) { return NetworkOrder.Read32(b, o + 24); }
        public static uint OriginateFraction(byte[] b, int o) { return NetworkOrder.Read32(b, o + 28); }
        public static uint TransmitSeconds(byte[] b, int o) { return NetworkOrder.Read32(b, o + 40); }
        public static uint TransmitFraction(byte[] b, int o) { return NetworkOrder.Read32(b, o + 44); }

        /// <summary>A client request (LI 0, VN 4, mode 3) whose transmit timestamp is <paramref name="seconds"/>.<paramref name="fraction"/> (RFC 4330 §5).</summary>
        public static void WriteRequest(byte[] b, int o, uint seconds, uint fraction)
        {
            System.Array.Clear(b, o, Length);
            b[o] = (4 << 3) | ModeClient;
            NetworkOrder.Write32(b, o + 40, seconds);
            NetworkOrder.Write32(b, o + 44, fraction);
        }

        /// <summary>
        /// Unix milliseconds of an NTP timestamp. RFC 4330 §3: a seconds value with the top bit clear is in the era
        /// starting 2036-02-07 (so this works until 2104).
        /// </summary>
        public static long ToUnixMs(uint seconds, uint fraction)
        {
            long s = seconds;
            if ((seconds & 0x80000000) == 0) s += 0x100000000L;
            return (s - UnixEpochSeconds) * 1000 + (long)(((ulong)fraction * 1000) >> 32);
        }
    }
}
