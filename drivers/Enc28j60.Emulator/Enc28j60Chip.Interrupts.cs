namespace NanoTcp.Enc28j60.Emulation
{
    // EIR/ESTAT composition and the INT pin (ENC28J60 facts §2.5, §7 interrupt pattern, §11.5).
    public sealed partial class Enc28j60Chip
    {
        private byte ComputeEir()
        {
            byte value = (byte)(_regs[Reg.EIR] & _writeMasks[Reg.EIR]);
            if (_regs[Reg.EPKTCNT] != 0 && !_pktifSuppressed)
            {
                value |= Bits.EIR_PKTIF; // errata #6: may be suppressed
            }

            ushort phie = _phy[Bits.PHIE];
            if (_linkChangedFlag && (phie & Bits.PHIE_PLNKIE) != 0 && (phie & Bits.PHIE_PGEIE) != 0)
            {
                value |= Bits.EIR_LINKIF;
            }

            return value;
        }

        private byte ComputeEstat()
        {
            byte value = (byte)(_regs[Reg.ESTAT] & _writeMasks[Reg.ESTAT]);
            if (ComputeInterruptPin())
            {
                value |= Bits.ESTAT_INT;
            }

            if (Receiving)
            {
                value |= Bits.ESTAT_RXBUSY;
            }

            if (ClockReady)
            {
                value |= Bits.ESTAT_CLKRDY; // errata #2: already 1 right after SRC
            }

            return value;
        }

        private bool ComputeInterruptPin()
        {
            byte eie = _regs[Reg.EIE];
            return (eie & Bits.EIE_INTIE) != 0 && (eie & ComputeEir() & Bits.EIR_INTERRUPT_SOURCES) != 0;
        }

        private void UpdateInterruptPin()
        {
            bool asserted = ComputeInterruptPin();
            if (asserted && !_intPinAsserted)
            {
                _interruptEdges++;
                InterruptFallingEdge?.Invoke();
            }

            _intPinAsserted = asserted;
        }
    }
}
