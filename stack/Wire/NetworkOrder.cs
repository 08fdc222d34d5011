namespace NanoTcp.Wire
{
    /// <summary>Big-endian ("network byte order", RFC 1700) field access on byte arrays.</summary>
    internal static class NetworkOrder
    {
        public static int Read16(byte[] b, int o)
        {
            return (b[o] << 8) | b[o + 1];
        }

        public static uint Read32(byte[] b, int o)
        {
            return ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];
        }

        public static void Write16(byte[] b, int o, int v)
        {
            b[o] = (byte)(v >> 8);
            b[o + 1] = (byte)v;
        }

        public static void Write32(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24);
            b[o + 1] = (byte)(v >> 16);
            b[o + 2] = (byte)(v >> 8);
            b[o + 3] = (byte)v;
        }
    }
}
