namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>
    /// Silicon revision of the emulated chip; the value is what EREVID reads (ENC28J60 facts §2.6). Any other byte may be
    /// cast to this type to model a missing or broken chip (0x00, 0xFF; acceptance check 2).
    /// </summary>
    public enum Enc28j60Revision : byte
    {
        /// <summary>Rev. B1, EREVID 0x02 (errata #1, #3, #8 also apply).</summary>
        B1 = 0x02,
        /// <summary>Rev. B4, EREVID 0x04 (errata #1, #3, #8 also apply).</summary>
        B4 = 0x04,
        /// <summary>Rev. B5, EREVID 0x05 (errata #13 applies).</summary>
        B5 = 0x05,
        /// <summary>Rev. B7, EREVID 0x06 — what modules on sale report (errata #13 applies).</summary>
        B7 = 0x06,
    }
}
