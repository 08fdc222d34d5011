namespace NanoTcp.Wire
{
    /// <summary>Helpers for 6-byte Ethernet addresses kept inside larger byte arrays.</summary>
    internal static class MacAddress
    {
        public const int Length = 6;

        // Compared as one 32-bit and one 16-bit word: BitConverter.ToUInt32/ToUInt16(byte[], int) are native on
        // nanoCLR, where a per-byte loop costs the interpreter about ten IL instructions per byte.
        public static bool Equal(byte[] a, int ao, byte[] b, int bo)
        {
            return System.BitConverter.ToUInt32(a, ao) == System.BitConverter.ToUInt32(b, bo)
                && System.BitConverter.ToUInt16(a, ao + 4) == System.BitConverter.ToUInt16(b, bo + 4);
        }

        public static bool IsBroadcast(byte[] b, int o)
        {
            return System.BitConverter.ToUInt32(b, o) == 0xFFFFFFFF && System.BitConverter.ToUInt16(b, o + 4) == 0xFFFF;
        }

        public static void Copy(byte[] from, int fo, byte[] to, int to_)
        {
            System.Array.Copy(from, fo, to, to_, Length); // native on nanoCLR
        }

        public static void SetBroadcast(byte[] b, int o)
        {
            for (int i = 0; i < Length; i++) b[o + i] = 0xFF;
        }

        /// <summary>Writes the Ethernet address of IPv4 multicast group <paramref name="group"/>: 01:00:5E + its low 23 bits (RFC 1112 §6.4).</summary>
        public static void SetIpv4Multicast(uint group, byte[] b, int o)
        {
            b[o] = 0x01;
            b[o + 1] = 0x00;
            b[o + 2] = 0x5E;
            b[o + 3] = (byte)((group >> 16) & 0x7F);
            b[o + 4] = (byte)(group >> 8);
            b[o + 5] = (byte)group;
        }

        /// <summary>True when the address at <paramref name="o"/> is the RFC 1112 §6.4 mapping of <paramref name="group"/>.</summary>
        public static bool IsIpv4Multicast(byte[] b, int o, uint group)
        {
            return b[o] == 0x01 && b[o + 1] == 0x00 && b[o + 2] == 0x5E && b[o + 3] == (byte)((group >> 16) & 0x7F)
                && b[o + 4] == (byte)(group >> 8) && b[o + 5] == (byte)group;
        }

        public static long ToLong(byte[] b, int o)
        {
            long v = 0;
            for (int i = 0; i < Length; i++) v = (v << 8) | b[o + i];
            return v;
        }
    }
}
