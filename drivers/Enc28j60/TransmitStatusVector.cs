namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// The 7-byte transmit status vector the MAC writes at ETXND+1 (DS Table 7-1). Only read after TXERIF, to tell
    /// a late collision (bit 29, errata #13/#15: ESTAT.LATECOL is unreliable) from other aborts.
    /// </summary>
    internal static class TransmitStatusVector
    {
        /// <summary>TSV length in bytes.</summary>
        public const int Length = 7;

        /// <summary>Bit 29 is bit 5 of byte 3.</summary>
        private const int LateCollisionByte = 3;
        private const byte LateCollisionMask = 0x20;

        /// <summary>True when the TSV at <paramref name="offset"/> reports a late collision.</summary>
        public static bool IsLateCollision(byte[] bytes, int offset)
        {
            return (bytes[offset + LateCollisionByte] & LateCollisionMask) != 0;
        }
    }
}
