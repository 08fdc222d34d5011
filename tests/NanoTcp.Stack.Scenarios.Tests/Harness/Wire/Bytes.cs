namespace NanoTcp.Scenarios.Harness.Wire
{
    /// <summary>Big-endian field access for the test-side codec.</summary>
    public static class Bytes
    {
        /// <summary>Reads a big-endian 16-bit field.</summary>
        public static ushort U16(byte[] b, int o) => (ushort)((b[o] << 8) | b[o + 1]);

        /// <summary>Reads a big-endian 32-bit field.</summary>
        public static uint U32(byte[] b, int o) => ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];

        /// <summary>Writes a big-endian 16-bit field.</summary>
        public static void Put16(byte[] b, int o, int v) { b[o] = (byte)(v >> 8); b[o + 1] = (byte)v; }

        /// <summary>Writes a big-endian 32-bit field.</summary>
        public static void Put32(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v;
        }

        /// <summary>Copies a range into a new array.</summary>
        public static byte[] Slice(byte[] b, int o, int n)
        {
            var r = new byte[n];
            System.Array.Copy(b, o, r, 0, n);
            return r;
        }

        /// <summary>Dotted-quad text of an address held as a uint (first octet most significant).</summary>
        public static string Ip(uint a) => $"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}";
    }
}
