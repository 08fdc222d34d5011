namespace NanoTcp.Enc28j60
{
    /// <summary>Bit masks of the ETH and MAC registers the driver uses (ENC28J60 facts §2.5, §2.6).</summary>
    internal static class RegisterBits
    {
        // EIE (0x1B); PKTIE, LINKIE, TXERIE and RXERIE share the bit positions of their EIR flags.
        public const byte EIE_INTIE = 0x80;

        // EIR (0x1C)
        public const byte EIR_PKTIF = 0x40;
        public const byte EIR_DMAIF = 0x20;
        public const byte EIR_LINKIF = 0x10;
        public const byte EIR_TXIF = 0x08;
        public const byte EIR_TXERIF = 0x02;
        public const byte EIR_RXERIF = 0x01;

        /// <summary>The EIR flags the host may clear with BFC (PKTIF and LINKIF are read-only).</summary>
        public const byte EIR_Clearable = EIR_DMAIF | EIR_TXIF | EIR_TXERIF | EIR_RXERIF;

        // ESTAT (0x1D)
        public const byte ESTAT_BUFER = 0x40;
        public const byte ESTAT_LATECOL = 0x10;
        public const byte ESTAT_UNIMPLEMENTED = 0x08;
        public const byte ESTAT_RXBUSY = 0x04;
        public const byte ESTAT_TXABRT = 0x02;
        public const byte ESTAT_CLKRDY = 0x01;

        // ECON2 (0x1E)
        public const byte ECON2_AUTOINC = 0x80;
        public const byte ECON2_PKTDEC = 0x40;
        public const byte ECON2_PWRSV = 0x20;

        // ECON1 (0x1F)
        public const byte ECON1_TXRST = 0x80;
        public const byte ECON1_RXRST = 0x40;
        public const byte ECON1_TXRTS = 0x08;
        public const byte ECON1_RXEN = 0x04;
        public const byte ECON1_BSEL = 0x03;

        // MACON1
        public const byte MACON1_TXPAUS = 0x08;
        public const byte MACON1_RXPAUS = 0x04;
        public const byte MACON1_MARXEN = 0x01;

        // MACON3: PADCFG0 (pad to 60, append CRC), TXCRCEN, FRMLNEN, FULDPX.
        public const byte MACON3_PADCFG0 = 0x20;
        public const byte MACON3_TXCRCEN = 0x10;
        public const byte MACON3_FRMLNEN = 0x02;
        public const byte MACON3_FULDPX = 0x01;

        // MACON4
        public const byte MACON4_DEFER = 0x40;

        // MICMD / MISTAT
        public const byte MICMD_MIIRD = 0x01;
        public const byte MISTAT_BUSY = 0x01;

        /// <summary>Back-to-back inter-packet gap, full duplex (DS §6.5).</summary>
        public const byte MABBIPG_FullDuplex = 0x15;

        /// <summary>Back-to-back inter-packet gap, half duplex (DS §6.5).</summary>
        public const byte MABBIPG_HalfDuplex = 0x12;

        /// <summary>Non-back-to-back inter-packet gap, low byte.</summary>
        public const byte MAIPGL_Value = 0x12;

        /// <summary>Non-back-to-back inter-packet gap, high byte (half duplex only).</summary>
        public const byte MAIPGH_HalfDuplex = 0x0C;

        /// <summary>Revision IDs (EREVID) of silicon B4 and earlier, hit by errata #1.</summary>
        public const byte RevisionB4 = 0x04;
    }
}
