namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>How <see cref="Enc28j60Chip.CorruptNextReceiveHeader(ReceiveHeaderCorruption)"/> damages the next
    /// receive status vector stored in the ring (acceptance check 17, ENC28J60 facts §5.2 step 4).</summary>
    public enum ReceiveHeaderCorruption
    {
        /// <summary>The next-packet pointer gets bit 0 set (next pointers are always even).</summary>
        OddNextPointer,
        /// <summary>The next-packet pointer points beyond ERXND (like the 0x6772 of UIPEthernet#48).</summary>
        NextPointerBeyondRing,
        /// <summary>Status bit 31 (always zero on silicon) is set.</summary>
        StatusBit31Set,
        /// <summary>The byte count claims more than 1518 bytes.</summary>
        ByteCountTooLarge,
    }
}
