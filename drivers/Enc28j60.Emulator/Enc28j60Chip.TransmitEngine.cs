using System;

namespace NanoTcp.Enc28j60.Emulation
{
    // TX buffer → wire: control byte, padding/CRC, timing, status vector, aborts and stalls (enc28j60.md §6, §11.4).
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
        private byte[] _txWireFrame;   // without FCS, as the wire side sees it
        private int _txByteCount;      // bytes on the wire incl. padding and FCS
        private byte[] _txFrameWithFcs;
        private bool _txCrcError;
        private bool _txLogicStalled;
        private bool _txAbortedSinceReset;
        private int _armedTxAborts;
        private int _armedLateCollisions;
        private int _armedTxHangs;

        /// <summary>Frames put on the wire successfully.</summary>
        public long FramesTransmitted { get; private set; }

        /// <summary>The last frame the MAC put on the wire as it went out: padding and FCS included (the wire side
        /// sees it without the FCS). Null before the first transmission.</summary>
        public byte[] LastTransmittedFrameWithFcs { get; private set; }

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
            var frame = new byte[length];
            for (int i = 0; i < length; i++)
            {
                frame[i] = _buffer[(start + 1 + i) & AddressMask];
            }

            bool huge;
            frame = ApplyPaddingAndCrc(frame, control, out huge);
            _txByteCount = frame.Length;
            _txFrameWithFcs = frame;
            _txCrcError = !EthernetCrc32.Check(frame, frame.Length);
            _txWireFrame = new byte[Math.Max(frame.Length - 4, 0)];
            Array.Copy(frame, _txWireFrame, _txWireFrame.Length);
            _txOutcome = ChooseOutcome(huge);
            int bytesOnWire = _txOutcome == TxOutcome.Sent ? _txByteCount : Math.Min(_txByteCount, 64);
            _txDoneAtNs = _nowNs + (_options.InstantTransmit ? 0 : (8 + bytesOnWire + 12) * NsPerWireByte);
            _txState = TxState.Running;
        }

        /// <summary>Per-packet control byte or MACON3 decides padding and CRC (§6.1, §2.6 PADCFG table). Without an
        /// appended CRC the frame's last four bytes are its FCS.</summary>
        private byte[] ApplyPaddingAndCrc(byte[] frame, byte control, out bool huge)
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
                padTo = PadLength(macon3 >> 5, frame);
                appendCrc = (macon3 & Bits.MACON3_TXCRCEN) != 0;
                huge = (macon3 & Bits.MACON3_HFRMEN) != 0;
            }

            int length = Math.Max(frame.Length, padTo);
            var result = new byte[length + (appendCrc ? 4 : 0)];
            Array.Copy(frame, result, frame.Length);
            if (appendCrc)
            {
                EthernetCrc32.Append(result, length);
            }

            return result;
        }

        private static int PadLength(int padConfig, byte[] frame)
        {
            switch (padConfig)
            {
                case 1:
                    return 60;
                case 3:
                case 7:
                    return 64;
                case 5:
                    bool vlan = frame.Length >= 14 && frame[12] == 0x81 && frame[13] == 0x00;
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
                LastTransmittedFrameWithFcs = _txFrameWithFcs;
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
                Receive((byte[])_txFrameWithFcs.Clone(), _txFrameWithFcs.Length);
            }

            if (_txCrcError || !PhyLinkUp)
            {
                return; // a receiver would discard a bad FCS; nobody listens without link
            }

            Wire?.Send(_txWireFrame, 0, _txWireFrame.Length);
        }

        /// <summary>TSV at ETXND+1 … ETXND+7 (§6.3).</summary>
        private void WriteTransmitStatusVector()
        {
            var tsv = new byte[StatusVectorLength];
            bool sent = _txOutcome == TxOutcome.Sent;
            int total = sent ? _txByteCount : Math.Min(_txByteCount, 64);
            tsv[0] = (byte)_txByteCount;
            tsv[1] = (byte)(_txByteCount >> 8);
            int type = _txWireFrame.Length >= 14 ? (_txWireFrame[12] << 8) | _txWireFrame[13] : 0;
            bool broadcast = _txWireFrame.Length >= 6 && IsBroadcast(_txWireFrame);
            bool multicast = !broadcast && _txWireFrame.Length >= 1 && (_txWireFrame[0] & 1) != 0;
            tsv[2] = (byte)((_txOutcome == TxOutcome.ExcessCollisions ? 0x0F : 0)
                | (_txCrcError ? 0x10 : 0) | (type > 1500 ? 0x40 : 0) | (sent ? 0x80 : 0));
            tsv[3] = (byte)((multicast ? 0x01 : 0) | (broadcast ? 0x02 : 0)
                | (_txOutcome == TxOutcome.ExcessCollisions ? 0x10 : 0)
                | (_txOutcome == TxOutcome.LateCollision ? 0x20 : 0)
                | (_txOutcome == TxOutcome.Giant ? 0x40 : 0));
            tsv[4] = (byte)total;
            tsv[5] = (byte)(total >> 8);
            tsv[6] = (byte)((type == 0x8808 ? 0x01 : 0) | (type == 0x8100 ? 0x08 : 0));
            int address = (Pointer(Reg.ETXNDL) + 1) & AddressMask;
            for (int i = 0; i < StatusVectorLength; i++)
            {
                _buffer[(address + i) & AddressMask] = tsv[i];
            }
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
