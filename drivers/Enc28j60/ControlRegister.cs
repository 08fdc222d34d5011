namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// Control register addresses (ENC28J60 facts §2). Each constant carries the 5-bit address in bits 4:0, the bank
    /// (ECON1.BSEL) in bits 9:8 and <see cref="MacMii"/> for the MAC/MII registers whose RCR answer starts with a
    /// dummy byte (§1.2). Addresses 0x1B–0x1F are present in every bank.
    /// </summary>
    internal static class ControlRegister
    {
        /// <summary>Flag: a MAC/MII register (RCR returns a dummy byte first; BFS/BFC forbidden).</summary>
        public const int MacMii = 0x400;

        /// <summary>Mask of the 5-bit address.</summary>
        public const int AddressMask = 0x1F;

        /// <summary>First address of the common block present in every bank.</summary>
        public const int FirstCommonAddress = 0x1B;

        private const int Bank0 = 0x000;
        private const int Bank1 = 0x100;
        private const int Bank2 = 0x200 | MacMii;
        private const int Bank3 = 0x300;

        // Bank 0: buffer pointers (§2.1).
        public const int ERDPTL = Bank0 | 0x00;
        public const int EWRPTL = Bank0 | 0x02;
        public const int ETXSTL = Bank0 | 0x04;
        public const int ETXNDL = Bank0 | 0x06;
        public const int ERXSTL = Bank0 | 0x08;
        public const int ERXNDL = Bank0 | 0x0A;
        public const int ERXRDPTL = Bank0 | 0x0C;
        public const int ERXRDPTH = Bank0 | 0x0D;

        // Bank 1: filters (§2.2).
        public const int ERXFCON = Bank1 | 0x18;
        public const int EPKTCNT = Bank1 | 0x19;

        // Bank 2: MAC and MII (§2.3), all MAC/MII type.
        public const int MACON1 = Bank2 | 0x00;
        public const int MACON3 = Bank2 | 0x02;
        public const int MACON4 = Bank2 | 0x03;
        public const int MABBIPG = Bank2 | 0x04;
        public const int MAIPGL = Bank2 | 0x06;
        public const int MAIPGH = Bank2 | 0x07;
        public const int MAMXFLL = Bank2 | 0x0A;
        public const int MICMD = Bank2 | 0x12;
        public const int MIREGADR = Bank2 | 0x14;
        public const int MIWRL = Bank2 | 0x16;
        public const int MIWRH = Bank2 | 0x17;
        public const int MIRDL = Bank2 | 0x18;
        public const int MIRDH = Bank2 | 0x19;

        // Bank 3 (§2.4): MAADR and MISTAT are MAC/MII type, the rest ETH type.
        public const int MAADR5 = Bank3 | MacMii | 0x00;
        public const int MAADR6 = Bank3 | MacMii | 0x01;
        public const int MAADR3 = Bank3 | MacMii | 0x02;
        public const int MAADR4 = Bank3 | MacMii | 0x03;
        public const int MAADR1 = Bank3 | MacMii | 0x04;
        public const int MAADR2 = Bank3 | MacMii | 0x05;
        public const int MISTAT = Bank3 | MacMii | 0x0A;
        public const int EREVID = Bank3 | 0x12;

        // Common block (§2.5).
        public const int EIE = 0x1B;
        public const int EIR = 0x1C;
        public const int ESTAT = 0x1D;
        public const int ECON2 = 0x1E;
        public const int ECON1 = 0x1F;

        /// <summary>The bank (0–3) a register lives in; meaningless for the common block.</summary>
        public static int BankOf(int register) => (register >> 8) & 0x03;

        /// <summary>True for EIE, EIR, ESTAT, ECON2 and ECON1, reachable from every bank.</summary>
        public static bool IsCommon(int register) => (register & AddressMask) >= FirstCommonAddress;

        /// <summary>True for registers whose RCR answer begins with a dummy byte.</summary>
        public static bool IsMacMii(int register) => (register & MacMii) != 0;
    }
}
