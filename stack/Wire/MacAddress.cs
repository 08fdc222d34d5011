namespace NanoTcp.Wire
{
    /// <summary>Helpers for 6-byte Ethernet addresses kept inside larger byte arrays.</summary>
    internal static class MacAddress
    {
        public const int Length = 6;

        public static bool Equal(byte[] a, int ao, byte[] b, int bo)
        {
            for (int i = 0; i < Length; i++)
            {
                if (a[ao + i] != b[bo + i]) return false;
            }
            return true;
        }

        public static bool IsBroadcast(byte[] b, int o)
        {
            for (int i = 0; i < Length; i++)
            {
                if (b[o + i] != 0xFF) return false;
            }
            return true;
        }

        public static void Copy(byte[] from, int fo, byte[] to, int to_)
        {
            System.Array.Copy(from, fo, to, to_, Length); // native on nanoCLR
        }

        public static void SetBroadcast(byte[] b, int o)
        {
            for (int i = 0; i < Length; i++) b[o + i] = 0xFF;
        }

        public static long ToLong(byte[] b, int o)
        {
            long v = 0;
            for (int i = 0; i < Length; i++) v = (v << 8) | b[o + i];
            return v;
        }
    }
}
