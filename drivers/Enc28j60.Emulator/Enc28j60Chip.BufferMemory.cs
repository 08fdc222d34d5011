namespace NanoTcp.Enc28j60.Emulation
{
    // RBM/WBM and the pointer auto-increment rules (enc28j60.md §4.2, §11.2).
    public sealed partial class Enc28j60Chip
    {
        private bool AutoIncrement => (_regs[Reg.ECON2] & Bits.ECON2_AUTOINC) != 0;

        private void ReadBufferMemory(SpiWindow w)
        {
            int pointer = Pointer(Reg.ERDPTL);
            for (int i = 1; i < w.Count; i++)
            {
                w.In(i, _buffer[pointer]);
                if (AutoIncrement)
                {
                    pointer = NextReadAddress(pointer);
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
            int start = Pointer(Reg.ETXSTL);
            int length = ((Pointer(Reg.ETXNDL) - start) & AddressMask) + 8; // control byte … TSV end
            return ((address - start) & AddressMask) < length;
        }

        private bool InUnreadRing(int address)
        {
            int start = Pointer(Reg.ERXSTL);
            int end = Pointer(Reg.ERXNDL);
            int readPointer = Pointer(Reg.ERXRDPTL);
            int writePointer = Pointer(Reg.ERXWRPTL);
            if (_regs[Reg.EPKTCNT] == 0 || end < start || address < start || address > end
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
