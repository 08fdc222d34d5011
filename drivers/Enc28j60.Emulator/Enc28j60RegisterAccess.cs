namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>Kind of an SPI control-register instruction.</summary>
    public enum RegisterAccessKind
    {
        /// <summary>RCR.</summary>
        Read,
        /// <summary>WCR.</summary>
        Write,
        /// <summary>BFS.</summary>
        BitSet,
        /// <summary>BFC.</summary>
        BitClear,
    }

    /// <summary>One logged control-register access (§11.5: bank, address, value, transaction index).</summary>
    public readonly struct Enc28j60RegisterAccess
    {
        /// <summary>Creates a record.</summary>
        public Enc28j60RegisterAccess(RegisterAccessKind kind, int bank, int address, byte operand, byte result,
            long transactionIndex, long timeNanoseconds)
        {
            Kind = kind;
            Bank = bank;
            Address = address;
            Operand = operand;
            Result = result;
            TransactionIndex = transactionIndex;
            TimeNanoseconds = timeNanoseconds;
        }

        /// <summary>Instruction.</summary>
        public RegisterAccessKind Kind { get; }

        /// <summary>ECON1.BSEL at the time (meaningless for 0x1B–0x1F).</summary>
        public int Bank { get; }

        /// <summary>5-bit register address.</summary>
        public int Address { get; }

        /// <summary>Byte written or mask (0 for reads).</summary>
        public byte Operand { get; }

        /// <summary>Register value after the instruction (the value returned, for reads).</summary>
        public byte Result { get; }

        /// <summary>Index of the SPI transaction (1-based, equals <see cref="Enc28j60Chip.SpiTransactions"/> then).</summary>
        public long TransactionIndex { get; }

        /// <summary>Virtual time of the access.</summary>
        public long TimeNanoseconds { get; }
    }
}
