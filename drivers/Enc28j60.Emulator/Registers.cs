namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>
    /// Control register map (ENC28J60 facts §2) as flat keys: bank × 32 + address for 0x00–0x1A, and the bare address for
    /// the common registers 0x1B–0x1F that every bank shares.
    /// </summary>
    internal static class Reg
    {
        // Bank 0 (§2.1)
        public const int ERDPTL = 0x00, ERDPTH = 0x01, EWRPTL = 0x02, EWRPTH = 0x03;
        public const int ETXSTL = 0x04, ETXSTH = 0x05, ETXNDL = 0x06, ETXNDH = 0x07;
        public const int ERXSTL = 0x08, ERXSTH = 0x09, ERXNDL = 0x0A, ERXNDH = 0x0B;
        public const int ERXRDPTL = 0x0C, ERXRDPTH = 0x0D, ERXWRPTL = 0x0E, ERXWRPTH = 0x0F;
        public const int EDMASTL = 0x10, EDMASTH = 0x11, EDMANDL = 0x12, EDMANDH = 0x13;
        public const int EDMADSTL = 0x14, EDMADSTH = 0x15, EDMACSL = 0x16, EDMACSH = 0x17;

        // Bank 1 (§2.2)
        public const int EHT0 = 32 + 0x00, EPMM0 = 32 + 0x08, EPMCSL = 32 + 0x10, EPMCSH = 32 + 0x11;
        public const int EPMOL = 32 + 0x14, EPMOH = 32 + 0x15, ERXFCON = 32 + 0x18, EPKTCNT = 32 + 0x19;

        // Bank 2 (§2.3)
        public const int MACON1 = 64 + 0x00, MACON3 = 64 + 0x02, MACON4 = 64 + 0x03, MABBIPG = 64 + 0x04;
        public const int MAIPGL = 64 + 0x06, MAIPGH = 64 + 0x07, MACLCON1 = 64 + 0x08, MACLCON2 = 64 + 0x09;
        public const int MAMXFLL = 64 + 0x0A, MAMXFLH = 64 + 0x0B, MAPHSUP = 64 + 0x0D;
        public const int MICMD = 64 + 0x12, MIREGADR = 64 + 0x14, MIWRL = 64 + 0x16, MIWRH = 64 + 0x17;
        public const int MIRDL = 64 + 0x18, MIRDH = 64 + 0x19;

        // Bank 3 (§2.4)
        public const int MAADR5 = 96 + 0x00, MAADR6 = 96 + 0x01, MAADR3 = 96 + 0x02, MAADR4 = 96 + 0x03;
        public const int MAADR1 = 96 + 0x04, MAADR2 = 96 + 0x05, EBSTSD = 96 + 0x06, EBSTCON = 96 + 0x07;
        public const int EBSTCSL = 96 + 0x08, EBSTCSH = 96 + 0x09, MISTAT = 96 + 0x0A, EREVID = 96 + 0x12;
        public const int ECOCON = 96 + 0x15, EFLOCON = 96 + 0x17, EPAUSL = 96 + 0x18, EPAUSH = 96 + 0x19;

        // Common (§2.5)
        public const int EIE = 0x1B, EIR = 0x1C, ESTAT = 0x1D, ECON2 = 0x1E, ECON1 = 0x1F;

        /// <summary>Number of keys.</summary>
        public const int Count = 128;

        /// <summary>Key of (bank, 5-bit address).</summary>
        public static int Key(int bank, int address)
        {
            return address >= 0x1B ? address : (bank << 5) | address;
        }

        /// <summary>MAC/MII registers answer RCR with a dummy byte first and refuse BFS/BFC (§1.2).</summary>
        public static bool IsMacMii(int key)
        {
            if (key >= 64 && key <= 64 + 0x19)
            {
                return true;
            }

            return (key >= 96 && key <= 96 + 0x05) || key == MISTAT;
        }

        /// <summary>Human-readable name for violation messages.</summary>
        public static string Name(int key)
        {
            switch (key)
            {
                case ERXRDPTL: return "ERXRDPTL";
                case ERXRDPTH: return "ERXRDPTH";
                case ERXSTL: return "ERXSTL";
                case ERXSTH: return "ERXSTH";
                case ERXNDL: return "ERXNDL";
                case ERXNDH: return "ERXNDH";
                case ETXSTL: return "ETXSTL";
                case ETXSTH: return "ETXSTH";
                case ETXNDL: return "ETXNDL";
                case ETXNDH: return "ETXNDH";
                case ERXFCON: return "ERXFCON";
                case EPKTCNT: return "EPKTCNT";
                case MACON1: return "MACON1";
                case MACON3: return "MACON3";
                case MACON4: return "MACON4";
                case MABBIPG: return "MABBIPG";
                case MICMD: return "MICMD";
                case MIREGADR: return "MIREGADR";
                case MIWRL: return "MIWRL";
                case MIWRH: return "MIWRH";
                case MIRDL: return "MIRDL";
                case MIRDH: return "MIRDH";
                case MISTAT: return "MISTAT";
                case EREVID: return "EREVID";
                case EIE: return "EIE";
                case EIR: return "EIR";
                case ESTAT: return "ESTAT";
                case ECON2: return "ECON2";
                case ECON1: return "ECON1";
                default:
                    if (key >= MAADR5 && key <= MAADR2)
                    {
                        return "MAADR(bank 3, 0x" + (key & 0x1F).ToString("X2") + ")";
                    }

                    return "bank " + (key >> 5) + " 0x" + (key & 0x1F).ToString("X2");
            }
        }

        /// <summary>Bits the host may change with WCR/BFS/BFC; 0 = read-only or unimplemented (§2, §11.1).</summary>
        public static byte[] BuildWriteMasks()
        {
            var m = new byte[Count];
            for (int k = ERDPTL; k <= EDMADSTH; k += 2)
            {
                m[k] = 0xFF;
                m[k + 1] = 0x1F; // 13-bit pointers
            }

            m[ERXWRPTL] = 0; // read-only
            m[ERXWRPTH] = 0;
            for (int k = EHT0; k < EHT0 + 16; k++)
            {
                m[k] = 0xFF; // EHT0–7, EPMM0–7
            }

            m[EPMCSL] = 0xFF;
            m[EPMCSH] = 0xFF;
            m[EPMOL] = 0xFF;
            m[EPMOH] = 0x1F;
            m[ERXFCON] = 0xFF;
            m[MACON1] = 0x0F;
            m[MACON3] = 0xFF;
            m[MACON4] = 0x70;
            m[MABBIPG] = 0x7F;
            m[MAIPGL] = 0x7F;
            m[MAIPGH] = 0x7F;
            m[MACLCON1] = 0x0F;
            m[MACLCON2] = 0x3F;
            m[MAMXFLL] = 0xFF;
            m[MAMXFLH] = 0xFF;
            m[MAPHSUP] = 0xFF;
            m[MICMD] = 0x03;
            m[MIREGADR] = 0x1F;
            m[MIWRL] = 0xFF;
            m[MIWRH] = 0xFF;
            for (int k = MAADR5; k <= MAADR2; k++)
            {
                m[k] = 0xFF;
            }

            m[EBSTSD] = 0xFF;
            m[EBSTCON] = 0xFF;
            m[ECOCON] = 0x07;
            m[EFLOCON] = 0x03;
            m[EPAUSL] = 0xFF;
            m[EPAUSH] = 0xFF;
            m[EIE] = 0xFB;
            m[EIR] = Bits.EIR_DMAIF | Bits.EIR_TXIF | Bits.EIR_TXERIF | Bits.EIR_RXERIF;
            m[ESTAT] = Bits.ESTAT_BUFER | Bits.ESTAT_LATECOL | Bits.ESTAT_TXABRT;
            m[ECON2] = Bits.ECON2_AUTOINC | Bits.ECON2_PKTDEC | Bits.ECON2_PWRSV | Bits.ECON2_VRPS;
            m[ECON1] = 0xFF;
            return m;
        }
    }

    /// <summary>Register bit masks (ENC28J60 facts §2.5, §2.6, §3).</summary>
    internal static class Bits
    {
        public const byte EIE_INTIE = 0x80;
        public const byte EIR_PKTIF = 0x40, EIR_DMAIF = 0x20, EIR_LINKIF = 0x10, EIR_TXIF = 0x08;
        public const byte EIR_TXERIF = 0x02, EIR_RXERIF = 0x01;
        public const byte EIR_INTERRUPT_SOURCES = 0x7B;
        public const byte ESTAT_INT = 0x80, ESTAT_BUFER = 0x40, ESTAT_LATECOL = 0x10, ESTAT_RXBUSY = 0x04;
        public const byte ESTAT_TXABRT = 0x02, ESTAT_CLKRDY = 0x01;
        public const byte ECON2_AUTOINC = 0x80, ECON2_PKTDEC = 0x40, ECON2_PWRSV = 0x20, ECON2_VRPS = 0x08;
        public const byte ECON1_TXRST = 0x80, ECON1_RXRST = 0x40, ECON1_DMAST = 0x20, ECON1_CSUMEN = 0x10;
        public const byte ECON1_TXRTS = 0x08, ECON1_RXEN = 0x04, ECON1_BSEL = 0x03;
        public const byte MACON1_RXPAUS = 0x04, MACON1_PASSALL = 0x02, MACON1_MARXEN = 0x01;
        public const byte MACON3_PADCFG = 0xE0, MACON3_TXCRCEN = 0x10, MACON3_HFRMEN = 0x04;
        public const byte MACON3_FRMLNEN = 0x02, MACON3_FULDPX = 0x01;
        public const byte MICMD_MIISCAN = 0x02, MICMD_MIIRD = 0x01;
        public const byte MISTAT_NVALID = 0x04, MISTAT_SCAN = 0x02, MISTAT_BUSY = 0x01;
        public const byte EFLOCON_FULDPXS = 0x04;
        public const byte ERXFCON_UCEN = 0x80, ERXFCON_ANDOR = 0x40, ERXFCON_CRCEN = 0x20, ERXFCON_PMEN = 0x10;
        public const byte ERXFCON_MPEN = 0x08, ERXFCON_HTEN = 0x04, ERXFCON_MCEN = 0x02, ERXFCON_BCEN = 0x01;
        public const byte TXCTRL_PHUGEEN = 0x08, TXCTRL_PPADEN = 0x04, TXCTRL_PCRCEN = 0x02, TXCTRL_POVERRIDE = 0x01;

        public const int PHCON1 = 0x00, PHSTAT1 = 0x01, PHID1 = 0x02, PHID2 = 0x03, PHCON2 = 0x10;
        public const int PHSTAT2 = 0x11, PHIE = 0x12, PHIR = 0x13, PHLCON = 0x14;
        public const ushort PHCON1_PRST = 0x8000, PHCON1_PDPXMD = 0x0100, PHCON1_WRITABLE = 0xC900;
        public const ushort PHSTAT1_CAPS = 0x1800, PHSTAT1_LLSTAT = 0x0004;
        public const ushort PHCON2_FRCLNK = 0x4000, PHCON2_HDLDIS = 0x0100, PHCON2_WRITABLE = 0x6500;
        public const ushort PHSTAT2_TXSTAT = 0x2000, PHSTAT2_RXSTAT = 0x1000, PHSTAT2_LSTAT = 0x0400, PHSTAT2_DPXSTAT = 0x0200;
        public const ushort PHIE_PLNKIE = 0x0010, PHIE_PGEIE = 0x0002;
        public const ushort PHIR_PLNKIF = 0x0010, PHIR_PGIF = 0x0004;
    }
}
