namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// The ENC28J60 instruction set (DS §4) over <see cref="ISpiBus"/>: exactly one instruction per chip-select
    /// window, the RCR dummy byte for MAC/MII registers (§1.2), and a cached bank so a bank switch costs one
    /// BFS/BFC only when the bank really changes (never an RCR/WCR read-modify-write of ECON1, §10.1).
    /// Every buffer is allocated here, once.
    /// </summary>
    internal sealed class SpiInstructionPort
    {
        /// <summary>
        /// Largest RBM/WBM payload, sized to need: a received frame with its FCS (1518, already even) followed by
        /// the next packet's 6-byte receive status vector, read in one RBM. A WBM is shorter (control byte + 1514).
        /// Each of the two buffers costs its length + 20 bytes of the nanoCLR heap, so no slack is kept.
        /// </summary>
        public const int MaxBufferTransfer = BufferLayout.MaxFrameLengthWithFcs + ReceiveStatusVector.Length;

        /// <summary>Bank value meaning "not known": forces a full BSEL write on the next access.</summary>
        private const int UnknownBank = -1;

        private readonly ISpiBus _bus;
        private readonly byte[] _command = new byte[3];
        private readonly byte[] _response = new byte[3];
        private int _bank = UnknownBank;

        /// <summary>Write side of RBM/WBM: opcode at 0, payload from 1.</summary>
        public readonly byte[] BulkWrite = new byte[1 + MaxBufferTransfer];

        /// <summary>Read side of RBM/WBM: the byte clocked in during the opcode at 0, data from 1.</summary>
        public readonly byte[] BulkRead = new byte[1 + MaxBufferTransfer];

        public SpiInstructionPort(ISpiBus bus)
        {
            _bus = bus;
        }

        /// <summary>Forgets the cached bank (after a reset ECON1.BSEL is 0, after a fault it is unknown).</summary>
        public void ForgetBank() => _bank = UnknownBank;

        /// <summary>Records that a reset just returned ECON1.BSEL to bank 0.</summary>
        public void BankIsZeroAfterReset() => _bank = 0;

        /// <summary>RCR: reads one control register, skipping the dummy byte of MAC/MII registers.</summary>
        public byte Read(int register)
        {
            SelectBankFor(register);
            _command[0] = (byte)(SpiOpcode.ReadControlRegister | (register & ControlRegister.AddressMask));
            _command[1] = 0;
            _command[2] = 0;
            int length = ControlRegister.IsMacMii(register) ? 3 : 2;
            _bus.TransferFullDuplex(_command, 0, _response, 0, length);
            return _response[length - 1];
        }

        /// <summary>WCR: writes one control register (ETH, MAC or MII).</summary>
        public void Write(int register, byte value)
        {
            SelectBankFor(register);
            Send(SpiOpcode.WriteControlRegister, register, value);
        }

        /// <summary>Writes a 16-bit pointer pair, low byte first (required for ERXRDPT, §4.3).</summary>
        public void Write16(int lowRegister, int value)
        {
            Write(lowRegister, (byte)value);
            Write(lowRegister + 1, (byte)(value >> 8));
        }

        /// <summary>BFS on an ETH register (never used on MAC/MII registers, DS §4.2.5).</summary>
        public void SetBits(int register, byte mask)
        {
            SelectBankFor(register);
            Send(SpiOpcode.BitFieldSet, register, mask);
        }

        /// <summary>BFC on an ETH register (never used on MAC/MII registers, DS §4.2.5).</summary>
        public void ClearBits(int register, byte mask)
        {
            SelectBankFor(register);
            Send(SpiOpcode.BitFieldClear, register, mask);
        }

        /// <summary>SRC: the single-byte system reset.</summary>
        public void SystemReset()
        {
            _command[0] = SpiOpcode.SystemReset;
            _bus.TransferFullDuplex(_command, 0, _response, 0, 1);
            _bank = UnknownBank;
        }

        /// <summary>RBM: reads <paramref name="count"/> bytes at ERDPT into <see cref="BulkRead"/>[1…].</summary>
        public void ReadBuffer(int count)
        {
            BulkWrite[0] = SpiOpcode.ReadBufferMemory;
            _bus.TransferFullDuplex(BulkWrite, 0, BulkRead, 0, count + 1);
        }

        /// <summary>WBM: writes <see cref="BulkWrite"/>[1 … count] at EWRPT in one transaction.</summary>
        public void WriteBuffer(int count)
        {
            BulkWrite[0] = SpiOpcode.WriteBufferMemory;
            _bus.TransferFullDuplex(BulkWrite, 0, BulkRead, 0, count + 1);
        }

        private void Send(byte opcode, int register, byte value)
        {
            _command[0] = (byte)(opcode | (register & ControlRegister.AddressMask));
            _command[1] = value;
            _bus.TransferFullDuplex(_command, 0, _response, 0, 2);
        }

        /// <summary>Switches ECON1.BSEL with at most one BFC and one BFS, only when the bank differs.</summary>
        private void SelectBankFor(int register)
        {
            if (ControlRegister.IsCommon(register))
            {
                return;
            }

            int bank = ControlRegister.BankOf(register);
            if (bank == _bank)
            {
                return;
            }

            int current = _bank == UnknownBank ? RegisterBits.ECON1_BSEL : _bank;
            int clear = current & ~bank;
            int set = _bank == UnknownBank ? bank : bank & ~current;
            if (clear != 0)
            {
                Send(SpiOpcode.BitFieldClear, ControlRegister.ECON1, (byte)clear);
            }

            if (set != 0)
            {
                Send(SpiOpcode.BitFieldSet, ControlRegister.ECON1, (byte)set);
            }

            _bank = bank;
        }
    }
}
