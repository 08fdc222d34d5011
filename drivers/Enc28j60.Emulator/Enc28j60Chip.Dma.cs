namespace NanoTcp.Enc28j60.Emulation
{
    // DMA copy and checksum engine (ENC28J60 facts §8, §11.5, errata #17).
    public sealed partial class Enc28j60Chip
    {
        private const long DmaNsPerByte = 80; // not in the material; about two 25 MHz clocks per byte (inferred)

        private bool _dmaRunning;
        private bool _dmaWaiting;
        private bool _dmaChecksum;
        private long _dmaDoneAtNs;

        private bool DmaRunning => _dmaRunning;

        private bool DmaChecksumRunning => _dmaRunning && _dmaChecksum;

        private void StartDma()
        {
            _dmaChecksum = (_regs[Reg.ECON1] & Bits.ECON1_CSUMEN) != 0;
            if (_dmaChecksum && _options.Erratum17DmaChecksumAbortsReceive && (_regs[Reg.ECON1] & Bits.ECON1_RXEN) != 0)
            {
                Violation("DMA checksum started while RXEN = 1 (errata #17: it aborts incoming frames)");
            }

            if (TransmitterBusy)
            {
                _dmaWaiting = true; // DMA and transmitter share a memory port (§6.2)
            }
            else
            {
                BeginDma();
            }
        }

        private void StartPendingDma()
        {
            if (_dmaWaiting && !TransmitterBusy)
            {
                _dmaWaiting = false;
                BeginDma();
            }
        }

        private void BeginDma()
        {
            _dmaRunning = true;
            _dmaDoneAtNs = _nowNs + DmaSourceLength() * DmaNsPerByte;
        }

        /// <summary>Bytes from EDMAST to EDMAND inclusive, following the ERXND → ERXST wrap (§8).</summary>
        private int DmaSourceLength()
        {
            int address = Pointer(Reg.EDMASTL);
            int end = Pointer(Reg.EDMANDL);
            for (int count = 1; count <= BufferSize; count++)
            {
                if (address == end)
                {
                    return count;
                }

                address = NextReadAddress(address);
            }

            Violation("DMA source EDMAST..EDMAND never reaches EDMAND (§8: a bad pair runs over all 8 KB)");
            return BufferSize;
        }

        private long DmaDeadline()
        {
            return _dmaRunning ? _dmaDoneAtNs : long.MaxValue;
        }

        private void RunDmaEvents()
        {
            if (!_dmaRunning || _nowNs < _dmaDoneAtNs)
            {
                return;
            }

            int length = DmaSourceLength();
            int source = Pointer(Reg.EDMASTL);
            if (_dmaChecksum)
            {
                uint sum = 0;
                for (int i = 0; i < length; i++)
                {
                    sum += (i & 1) == 0 ? (uint)(_buffer[source] << 8) : _buffer[source]; // big-endian words
                    source = NextReadAddress(source);
                }

                int checksum = FoldChecksum(sum);
                _regs[Reg.EDMACSH] = (byte)(checksum >> 8);
                _regs[Reg.EDMACSL] = (byte)checksum;
            }
            else
            {
                int destination = Pointer(Reg.EDMADSTL);
                for (int i = 0; i < length; i++)
                {
                    _buffer[(destination + i) & AddressMask] = _buffer[source]; // byte by byte, like the engine
                    source = NextReadAddress(source);
                }
            }

            FinishDma();
        }

        private void CancelDma()
        {
            if (_dmaRunning || _dmaWaiting)
            {
                FinishDma();
            }
        }

        private void FinishDma()
        {
            _dmaRunning = false;
            _dmaWaiting = false;
            _regs[Reg.ECON1] &= unchecked((byte)~Bits.ECON1_DMAST);
            _regs[Reg.EIR] |= Bits.EIR_DMAIF;
            StartPendingTransmit();
        }

        private void ResetDmaState()
        {
            _dmaRunning = false;
            _dmaWaiting = false;
        }
    }
}
