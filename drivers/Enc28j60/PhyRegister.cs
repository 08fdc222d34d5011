namespace NanoTcp.Enc28j60
{
    /// <summary>PHY register addresses and bits, reachable only through the MII (ENC28J60 facts §3).</summary>
    internal static class PhyRegister
    {
        public const byte PHCON1 = 0x00;
        public const byte PHSTAT1 = 0x01;
        public const byte PHID1 = 0x02;
        public const byte PHID2 = 0x03;
        public const byte PHCON2 = 0x10;
        public const byte PHSTAT2 = 0x11;
        public const byte PHIE = 0x12;
        public const byte PHIR = 0x13;
        public const byte PHLCON = 0x14;

        /// <summary>PHCON1.PDPXMD: PHY full duplex; must match MACON3.FULDPX.</summary>
        public const ushort PHCON1_PDPXMD = 0x0100;

        /// <summary>PHCON2.HDLDIS: no loopback of own transmissions in half duplex (errata #9).</summary>
        public const ushort PHCON2_HDLDIS = 0x0100;

        /// <summary>PHSTAT1.LLSTAT: link has stayed up since the last read (latching low).</summary>
        public const ushort PHSTAT1_LLSTAT = 0x0004;

        /// <summary>PHSTAT2.LSTAT: link up now (not latching).</summary>
        public const ushort PHSTAT2_LSTAT = 0x0400;

        /// <summary>PHIE.PGEIE | PHIE.PLNKIE: route link changes to EIR.LINKIF.</summary>
        public const ushort PHIE_LinkInterrupts = 0x0012;

        /// <summary>Expected PHID1 (OUI bits 3–18).</summary>
        public const ushort PHID1_Expected = 0x0083;

        /// <summary>Expected PHID2 (OUI bits 19–24, model 0, revision 0).</summary>
        public const ushort PHID2_Expected = 0x1400;
    }
}
