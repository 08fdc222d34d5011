using System;

namespace NanoTcp.Enc28j60.Emulation
{
    // SPI instruction decoder (ENC28J60 facts §1.2, §11.1): one call = one chip-select window = one instruction.
    public sealed partial class Enc28j60Chip
    {
        private const int OpRcr = 0, OpRbm = 1, OpWcr = 2, OpWbm = 3, OpBfs = 4, OpBfc = 5, OpSrc = 7;
        private const int BufferArgument = 0x1A, SrcArgument = 0x1F;

        private byte[] _mosi = new byte[1600];

        /// <summary>One chip-select window: CS falls, <paramref name="count"/> bytes are exchanged MSb first, CS rises.
        /// The first byte is decoded as the instruction; the window ends it. Virtual time advances by the transfer
        /// time. In strict mode a protocol violation throws after the window has been processed.</summary>
        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            if (write == null)
            {
                throw new ArgumentNullException(nameof(write));
            }

            if (count < 0 || writeOffset < 0 || writeOffset + count > write.Length
                || (read != null && (readOffset < 0 || readOffset + count > read.Length)))
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            if (count == 0)
            {
                return;
            }

            string violation;
            lock (_gate)
            {
                SpiTransactions++;
                SpiBytes += count;
                _transactionIndex++;
                _firstViolationThisTransaction = null;
                if (_mosi.Length < count)
                {
                    _mosi = new byte[count];
                }

                // Copy MOSI first: a driver may pass the same array for both directions.
                Array.Copy(write, writeOffset, _mosi, 0, count);
                var window = new SpiWindow(_mosi, 0, read, readOffset, count);
                window.Fill(0xFF);
                Decode(window);
                if (_options.MisoStuckHigh)
                {
                    window.Fill(0xFF);
                }

                AdvanceClock(TransferTimeNs(count));
                UpdateInterruptPin();
                violation = _firstViolationThisTransaction;
            }

            if (violation != null && _options.Strict)
            {
                throw new Enc28j60ProtocolViolationException(violation);
            }
        }

        private long TransferTimeNs(int count)
        {
            long hz = _options.SpiClockHz > 0 ? _options.SpiClockHz : 1;
            return count * 8L * 1_000_000_000L / hz + _options.SpiTransactionOverheadNanoseconds;
        }

        private void Decode(SpiWindow w)
        {
            int opcode = w.Out(0) >> 5;
            int argument = w.Out(0) & 0x1F;
            switch (opcode)
            {
                case OpRcr:
                    ReadControlRegister(w, argument);
                    break;
                case OpWcr:
                case OpBfs:
                case OpBfc:
                    WriteInstruction(w, opcode, argument);
                    break;
                case OpRbm when argument == BufferArgument:
                    ReadBufferMemory(w);
                    break;
                case OpWbm when argument == BufferArgument:
                    WriteBufferMemory(w);
                    break;
                case OpSrc when argument == SrcArgument:
                    if (w.Count > 1)
                    {
                        Violation("SRC followed by " + (w.Count - 1) + " more byte(s) in the same CS window (§1.2: SRC is one byte, then raise CS)");
                    }

                    SystemResetCommand();
                    break;
                default:
                    Violation("undefined SPI opcode 0x" + w.Out(0).ToString("X2") + " (§1.2)");
                    break;
            }
        }

        private void ReadControlRegister(SpiWindow w, int address)
        {
            int bank = Bank;
            int key = Reg.Key(bank, address);
            bool macMii = Reg.IsMacMii(key);
            int needed = macMii ? 3 : 2;
            if (w.Count < needed)
            {
                Violation(macMii
                    ? "RCR of MAC/MII register " + Reg.Name(key) + " without the dummy byte (§1.2: clock 3 bytes, the value is the third)"
                    : "RCR of " + Reg.Name(key) + " clocked no data byte");
            }
            else if (w.Count > needed)
            {
                Violation("RCR of " + Reg.Name(key) + " clocked " + w.Count + " bytes; more than one instruction or register per CS window (§1.1)");
            }

            byte value = ReadRegisterForHost(key);
            for (int i = 1; i < w.Count; i++)
            {
                w.In(i, macMii && i == 1 ? _options.DummyByte : value);
            }

            Log(RegisterAccessKind.Read, bank, address, 0, value);
        }

        private void WriteInstruction(SpiWindow w, int opcode, int address)
        {
            int bank = Bank;
            int key = Reg.Key(bank, address);
            var kind = opcode == OpWcr ? RegisterAccessKind.Write : opcode == OpBfs ? RegisterAccessKind.BitSet : RegisterAccessKind.BitClear;
            if (w.Count < 2)
            {
                Violation(kind + " on " + Reg.Name(key) + " without its data byte (CS raised after the opcode)");
                return;
            }

            if (w.Count > 2)
            {
                Violation(kind + " on " + Reg.Name(key) + " followed by " + (w.Count - 2) + " more byte(s): one instruction per CS window (§1.1)");
            }

            byte operand = w.Out(1);
            if (kind != RegisterAccessKind.Write && Reg.IsMacMii(key))
            {
                Violation((kind == RegisterAccessKind.BitSet ? "BFS" : "BFC") + " on MAC/MII register " + Reg.Name(key) + " (§1.2: ETH registers only)");
                Log(kind, bank, address, operand, ReadRegisterValue(key));
                return;
            }

            byte old = ReadRegisterValue(key);
            if (key == Reg.ECON1 && kind == RegisterAccessKind.BitSet && (operand & old & Bits.ECON1_TXRTS) != 0)
            {
                Violation("BFS TXRTS while the previous transmission is still pending (§6.2, check 23)");
            }

            if (key == Reg.ECON1 && kind == RegisterAccessKind.Write
                && (operand & ~old & (Bits.ECON1_TXRTS | Bits.ECON1_DMAST)) != 0)
            {
                Violation("WCR ECON1 sets TXRTS/DMAST: a read-modify-write of ECON1 races the hardware-owned bits (§10.1 ZEP); use BFS");
            }

            byte value = kind == RegisterAccessKind.Write ? operand
                : kind == RegisterAccessKind.BitSet ? (byte)(old | operand) : (byte)(old & ~operand);
            WriteRegisterFromHost(key, value, kind == RegisterAccessKind.Write);
            Log(kind, bank, address, operand, ReadRegisterValue(key));
        }

        private int Bank => _regs[Reg.ECON1] & Bits.ECON1_BSEL;

        private void Log(RegisterAccessKind kind, int bank, int address, byte operand, byte result)
        {
            RegisterAccessed?.Invoke(new Enc28j60RegisterAccess(kind, bank, address, operand, result, _transactionIndex, _nowNs));
        }

        private void Violation(string message)
        {
            string text = "t=" + (_nowNs / 1000) + "µs txn#" + _transactionIndex + ": " + message;
            _violations.Add(text);
            if (_firstViolationThisTransaction == null)
            {
                _firstViolationThisTransaction = text;
            }
        }

        /// <summary>The two byte streams of one chip-select window.</summary>
        private readonly struct SpiWindow
        {
            private readonly byte[] _write;
            private readonly int _writeOffset;
            private readonly byte[] _read;
            private readonly int _readOffset;

            public SpiWindow(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
            {
                _write = write;
                _writeOffset = writeOffset;
                _read = read;
                _readOffset = readOffset;
                Count = count;
            }

            public int Count { get; }

            public byte Out(int index) => _write[_writeOffset + index];

            public void In(int index, byte value)
            {
                if (_read != null)
                {
                    _read[_readOffset + index] = value;
                }
            }

            public void Fill(byte value)
            {
                for (int i = 0; i < Count; i++)
                {
                    In(i, value);
                }
            }
        }
    }
}
