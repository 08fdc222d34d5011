using System;

namespace NanoTcp.Enc28j60.Emulation
{
    // TX buffer → wire: control byte, padding/CRC, timing, status vector, aborts and stalls (ENC28J60 facts §6, §11.4).
    public sealed partial class Enc28j60Chip
    {
        private const int StatusVectorLength = 7;

        private enum TxState
        {
            Idle,
            Waiting,   // TXRTS set while TXRST is held or a DMA runs
            Running,
            Hung,      // TXRTS stays set forever: errata #12 stall or injected hang, until TXRST
        }

        private enum TxOutcome
        {
            Sent,
            LateCollision,
            ExcessCollisions,
            Giant,
        }

        private TxState _txState;
        private long _txDoneAtNs;
        private TxOutcome _txOutcome;
        private readonly byte[] _txFrame = new byte[BufferSize + 64];  // as it goes on the wire, padding and FCS included
        private readonly byte[] _lastSent = new byte[BufferSize + 64];
        private int _txByteCount;      // bytes on the wire incl. padding and FCS
        private int _lastSentLength = -1;
        private bool _txCrcError;
        private bool _txLogicStalled;
        private long _txPausedUntilNs;
        private bool _txAbortedSinceReset;
        private int _armedTxAborts;
        private int _armedLateCollisions;
        private int _armedTxHangs;

        /// <summary>Frames put on the wire successfully.</summary>
        public long FramesTransmitted { get; private set; }

        /// <summary>The last frame the MAC put on the wire as it went out: padding and FCS included (the wire side
        /// sees it without the FCS). Null before the first transmission.</summary>
        public byte[] LastTransmittedFrameWithFcs
        {
            get
            {
                lock (_gate)
                {
                    if (_lastSentLength < 0)
                    {
                        return null;
                    }

                    var copy = new byte[_lastSentLength];
                    Array.Copy(_lastSent, copy, _lastSentLength);
                    return copy;
                }
            }
        }

        /// <summary>Transmissions that ended in an abort (TXERIF).</summary>
        public long TransmitAborts { get; private set; }

        /// <summary>Transmissions cancelled by the host (TXRTS cleared) or by TXRST while pending.</summary>
        public long TransmitCancellations { get; private set; }

        /// <summary>The next transmission aborts with excessive collisions (TSV bit 28, TXERIF, TXABRT).</summary>
        public void InjectTxAbort()
        {
            lock (_gate)
            {
                _armedTxAborts++;
            }
        }

        /// <summary>The next transmission aborts with a late collision (TSV bit 29, TXERIF, TXABRT; ESTAT.LATECOL
        /// only without errata #15). Calling N times makes N consecutive transmissions collide.</summary>
        public void InjectLateCollision()
        {
            lock (_gate)
            {
                _armedLateCollisions++;
            }
        }

        /// <summary>The next TXRTS never completes (no TXIF, no TXERIF) and the transmit logic stays hung until
        /// ECON1.TXRST is toggled (RIOT#9043).</summary>
        public void InjectTxHang()
        {
            lock (_gate)
            {
                _armedTxHangs++;
            }
        }

        private bool TxRequestPending => (_regs[Reg.ECON1] & Bits.ECON1_TXRTS) != 0;

        private bool TransmitterBusy => _txState == TxState.Running;

        private long TransmitDeadline()
        {
            return _txState == TxState.Running ? _txDoneAtNs : long.MaxValue;
        }

        private void RunTransmitEvents()
        {
            if (_txState == TxState.Running && _nowNs >= _txDoneAtNs)
            {
                CompleteTransmit();
            }
        }

        private void RequestTransmit()
        {
            CheckDuplexConsistency("TXRTS set");
            if (_armedTxHangs > 0)
            {
                _armedTxHangs--;
                _txLogicStalled = true;
            }

            if (_txLogicStalled)
            {
                _txState = TxState.Hung;
            }
            else if ((_regs[Reg.ECON1] & Bits.ECON1_TXRST) != 0 || DmaRunning || PowerSave)
            {
                _txState = TxState.Waiting;
            }
            else
            {
                StartTransmit();
            }
        }

        private void StartPendingTransmit()
        {
            if (_txState == TxState.Waiting && (_regs[Reg.ECON1] & Bits.ECON1_TXRST) == 0 && !DmaRunning && !PowerSave)
            {
                StartTransmit();
            }
        }

        private void StartTransmit()
        {
            int start = Pointer(Reg.ETXSTL);
            int length = (Pointer(Reg.ETXNDL) - start) & AddressMask;
            byte control = _buffer[start];
            for (int i = 0; i < length; i++)
            {
                _txFrame[i] = _buffer[(start + 1 + i) & AddressMask];
            }

            bool huge;
            _txByteCount = ApplyPaddingAndCrc(length, control, out huge);
            _txCrcError = !EthernetCrc32.Check(_txFrame, _txByteCount);
            _txOutcome = ChooseOutcome(huge);
            int bytesOnWire = _txOutcome == TxOutcome.Sent ? _txByteCount : Math.Min(_txByteCount, 64);
            long startNs = Math.Max(_nowNs, _txPausedUntilNs); // a received pause frame holds the transmitter
            _txDoneAtNs = startNs + (_options.InstantTransmit ? 0 : (8 + bytesOnWire + 12) * NsPerWireByte);
            _txState = TxState.Running;
        }

        /// <summary>Per-packet control byte or MACON3 decides padding and CRC (§6.1, §2.6 PADCFG table). Without an
        /// appended CRC the frame's last four bytes are its FCS. Returns the length on the wire.</summary>
        private int ApplyPaddingAndCrc(int length, byte control, out bool huge)
        {
            int padTo;
            bool appendCrc;
            if ((control & Bits.TXCTRL_POVERRIDE) != 0)
            {
                padTo = (control & Bits.TXCTRL_PPADEN) != 0 ? 60 : 0;
                appendCrc = (control & Bits.TXCTRL_PCRCEN) != 0;
                huge = (control & Bits.TXCTRL_PHUGEEN) != 0;
            }
            else
            {
                byte macon3 = _regs[Reg.MACON3];
                padTo = PadLength(macon3 >> 5, length);
                appendCrc = (macon3 & Bits.MACON3_TXCRCEN) != 0;
                huge = (macon3 & Bits.MACON3_HFRMEN) != 0;
            }

            int padded = Math.Max(length, padTo);
            Array.Clear(_txFrame, length, padded - length);
            if (!appendCrc)
            {
                return padded;
            }

            EthernetCrc32.Append(_txFrame, padded);
            return padded + 4;
        }

        private int PadLength(int padConfig, int length)
        {
            switch (padConfig)
            {
                case 1:
                    return 60;
                case 3:
                case 7:
                    return 64;
                case 5:
                    bool vlan = length >= 14 && _txFrame[12] == 0x81 && _txFrame[13] == 0x00;
                    return vlan ? 64 : 60;
                default:
                    return 0;
            }
        }

        private TxOutcome ChooseOutcome(bool huge)
        {
            if (!huge && _txByteCount > Word(Reg.MAMXFLL))
            {
                return TxOutcome.Giant;
            }

            if (_armedLateCollisions > 0)
            {
                _armedLateCollisions--;
                return TxOutcome.LateCollision;
            }

            if (_armedTxAborts > 0)
            {
                _armedTxAborts--;
                return TxOutcome.ExcessCollisions;
            }

            bool linkPulseSilicon = _options.Revision == Enc28j60Revision.B5 || _options.Revision == Enc28j60Revision.B7;
            bool halfDuplex = (_regs[Reg.MACON3] & Bits.MACON3_FULDPX) == 0;
            if (_options.Erratum13LinkPulseLateCollisions && linkPulseSilicon && halfDuplex
                && Chance(_options.Erratum13LateCollisionProbability))
            {
                return TxOutcome.LateCollision;
            }

            return TxOutcome.Sent;
        }

        private void CompleteTransmit()
        {
            _txState = TxState.Idle;
            WriteTransmitStatusVector();
            _regs[Reg.ECON1] &= unchecked((byte)~Bits.ECON1_TXRTS);
            _regs[Reg.EIR] |= Bits.EIR_TXIF;
            if (_txOutcome == TxOutcome.Sent)
            {
                FramesTransmitted++;
                Array.Copy(_txFrame, _lastSent, _txByteCount);
                _lastSentLength = _txByteCount;
                PutOnWire();
            }
            else
            {
                TransmitAborts++;
                _regs[Reg.EIR] |= Bits.EIR_TXERIF;
                _regs[Reg.ESTAT] |= Bits.ESTAT_TXABRT;
                if (_txOutcome == TxOutcome.LateCollision && !_options.Erratum15LatecolUnreliable)
                {
                    _regs[Reg.ESTAT] |= Bits.ESTAT_LATECOL;
                }

                _txAbortedSinceReset = true;
                _txLogicStalled |= _options.Erratum12TxAbortStallsTransmitter;
            }

            StartPendingDma();
        }

        private void PutOnWire()
        {
            bool halfDuplex = (_regs[Reg.MACON3] & Bits.MACON3_FULDPX) == 0;
            if (_options.Erratum9HalfDuplexLoopback && halfDuplex && (PhyRegister(Bits.PHCON2) & Bits.PHCON2_HDLDIS) == 0)
            {
                Receive(_txFrame, _txByteCount);
            }

            if (_txCrcError || !PhyLinkUp)
            {
                return; // a receiver would discard a bad FCS; nobody listens without link
            }

            Wire?.Send(_txFrame, 0, Math.Max(_txByteCount - 4, 0));
        }

        /// <summary>TSV at ETXND+1 … ETXND+7 (§6.3).</summary>
        private void WriteTransmitStatusVector()
        {
            bool sent = _txOutcome == TxOutcome.Sent;
            int total = sent ? _txByteCount : Math.Min(_txByteCount, 64);
            int type = _txByteCount >= 14 ? (_txFrame[12] << 8) | _txFrame[13] : 0;
            bool broadcast = _txByteCount >= 6 && IsBroadcast(_txFrame);
            bool multicast = !broadcast && _txByteCount >= 1 && (_txFrame[0] & 1) != 0;
            int address = (Pointer(Reg.ETXNDL) + 1) & AddressMask;
            WriteStatusByte(address, 0, _txByteCount);
            WriteStatusByte(address, 1, _txByteCount >> 8);
            WriteStatusByte(address, 2, (_txOutcome == TxOutcome.ExcessCollisions ? 0x0F : 0)
                | (_txCrcError ? 0x10 : 0) | (type > 1500 ? 0x40 : 0) | (sent ? 0x80 : 0));
            WriteStatusByte(address, 3, (multicast ? 0x01 : 0) | (broadcast ? 0x02 : 0)
                | (_txOutcome == TxOutcome.ExcessCollisions ? 0x10 : 0)
                | (_txOutcome == TxOutcome.LateCollision ? 0x20 : 0)
                | (_txOutcome == TxOutcome.Giant ? 0x40 : 0));
            WriteStatusByte(address, 4, total);
            WriteStatusByte(address, 5, total >> 8);
            WriteStatusByte(address, 6, (type == 0x8808 ? 0x01 : 0) | (type == 0x8100 ? 0x08 : 0));
        }

        private void WriteStatusByte(int address, int index, int value)
        {
            _buffer[(address + index) & AddressMask] = (byte)value;
        }

        private void CancelTransmit()
        {
            if (_txState == TxState.Idle)
            {
                return;
            }

            _txState = TxState.Idle;
            TransmitCancellations++;
            _regs[Reg.EIR] |= Bits.EIR_TXIF; // TXIF marks cancellation too (§2.5)
            StartPendingDma();
        }

        private void ResetTransmitLogic()
        {
            if (_txState != TxState.Idle)
            {
                TransmitCancellations++;
            }

            _txState = TxState.Idle;
            _txLogicStalled = false;
            _regs[Reg.ECON1] &= unchecked((byte)~Bits.ECON1_TXRTS);
            StartPendingDma();
        }

        private void ReleaseTransmitReset()
        {
            if (_options.Erratum12TxAbortStallsTransmitter && _txAbortedSinceReset)
            {
                _regs[Reg.EIR] |= Bits.EIR_TXERIF; // "clearing TXRST may itself set TXERIF" (§6.2 step 4)
            }

            _txAbortedSinceReset = false;
            StartPendingTransmit();
        }

        private void AbortTransmitSilently()
        {
            _txState = TxState.Idle;
            _regs[Reg.ECON1] &= unchecked((byte)~Bits.ECON1_TXRTS);
        }

        private void ResetTransmitState()
        {
            _txState = TxState.Idle;
            _txPausedUntilNs = 0;
            _txLogicStalled = false;
            _txAbortedSinceReset = false;
        }

        /// <summary>MACON3.FULDPX, PHCON1.PDPXMD and MABBIPG must agree (§3, §2.6; check 32).</summary>
        private void CheckDuplexConsistency(string when)
        {
            bool macFull = (_regs[Reg.MACON3] & Bits.MACON3_FULDPX) != 0;
            bool phyFull = (PhyRegister(Bits.PHCON1) & Bits.PHCON1_PDPXMD) != 0;
            if (macFull != phyFull)
            {
                Violation(when + " with MACON3.FULDPX = " + (macFull ? 1 : 0) + " but PHCON1.PDPXMD = " + (phyFull ? 1 : 0) + " (§3: they must agree)");
            }

            int expectedGap = macFull ? 0x15 : 0x12;
            if (_regs[Reg.MABBIPG] != expectedGap)
            {
                Violation(when + " with MABBIPG = 0x" + _regs[Reg.MABBIPG].ToString("X2") + ", expected 0x" + expectedGap.ToString("X2") + " for " + (macFull ? "full" : "half") + " duplex (§2.6)");
            }
        }
    }
}
