namespace NanoTcp.Enc28j60.Emulation
{
    // RBM/WBM and the pointer auto-increment rules (ENC28J60 facts §4.2, §11.2).
    public sealed partial class Enc28j60Chip
    {
        private bool AutoIncrement => (_regs[Reg.ECON2] & Bits.ECON2_AUTOINC) != 0;

        private void ReadBufferMemory(SpiWindow w)
        {
            int pointer = Pointer(Reg.ERDPTL);
            int end = Pointer(Reg.ERXNDL);
            int start = Pointer(Reg.ERXSTL);
            bool autoIncrement = AutoIncrement;
            bool reported = false;
            for (int i = 1; i < w.Count; i++)
            {
                if (!reported && TxRequestPending && InTransmitFrame(pointer))
                {
                    reported = true;
                    Violation("RBM of the frame being transmitted (0x" + pointer.ToString("X4") + ") while TXRTS = 1 (DS §7.1: none of the bytes to be transmitted may be read or written)");
                }

                w.In(i, _buffer[pointer]);
                if (autoIncrement)
                {
                    pointer = pointer == end ? start : (pointer + 1) & AddressMask; // same rule as NextReadAddress
                }
            }

            SetPointer(Reg.ERDPTL, pointer);
        }

        private void WriteBufferMemory(SpiWindow w)
        {
            int pointer = Pointer(Reg.EWRPTL);
            bool reportedTx = false, reportedRing = false;
            for (int i = 1; i < w.Count; i++)
            {
                if (!reportedTx && TxRequestPending && InTransmitArea(pointer))
                {
                    reportedTx = true;
                    Violation("WBM into the frame being transmitted (0x" + pointer.ToString("X4") + " in [ETXST, ETXND+7]) while TXRTS = 1 (§6.2 step 6)");
                }

                if (!reportedRing && InUnreadRing(pointer))
                {
                    reportedRing = true;
                    Violation("WBM into unread receive-ring data at 0x" + pointer.ToString("X4") + " (§11.2)");
                }

                _buffer[pointer] = w.Out(i);
                if (AutoIncrement)
                {
                    pointer = (pointer + 1) & AddressMask; // writes wrap only at 0x1FFF (§4.2)
                }
            }

            SetPointer(Reg.EWRPTL, pointer);
        }

        /// <summary>ERDPT successor: after ERXND comes ERXST, after 0x1FFF comes 0x0000 (§4.2). The receive engine's
        /// write pointer and the DMA source follow the same rule.</summary>
        private int NextReadAddress(int address)
        {
            if (address == Pointer(Reg.ERXNDL))
            {
                return Pointer(Reg.ERXSTL);
            }

            return (address + 1) & AddressMask;
        }

        private bool InTransmitArea(int address)
        {
            return TransmitOffset(address) < TransmitLength() + StatusVectorLength; // control byte … TSV end
        }

        private bool InTransmitFrame(int address)
        {
            return TransmitOffset(address) < TransmitLength(); // control byte … ETXND
        }

        private int TransmitOffset(int address)
        {
            return (address - Pointer(Reg.ETXSTL)) & AddressMask;
        }

        private int TransmitLength()
        {
            return ((Pointer(Reg.ETXNDL) - Pointer(Reg.ETXSTL)) & AddressMask) + 1;
        }

        private bool InUnreadRing(int address)
        {
            int start = Pointer(Reg.ERXSTL);
            int end = Pointer(Reg.ERXNDL);
            int readPointer = Pointer(Reg.ERXRDPTL);
            int writePointer = _rxWritePointer;
            if (PacketsInRing == 0 || end < start || address < start || address > end
                || readPointer < start || readPointer > end || writePointer < start || writePointer > end)
            {
                return false;
            }

            int size = end - start + 1;
            int firstUnread = readPointer == end ? start : readPointer + 1;
            int unread = (writePointer - firstUnread + size) % size;
            return (address - firstUnread + size) % size < unread;
        }
    }
}
