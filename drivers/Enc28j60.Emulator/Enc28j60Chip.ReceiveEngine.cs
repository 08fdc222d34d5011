using System;

namespace NanoTcp.Enc28j60.Emulation
{
    // Wire → RX ring: placement, receive status vector, EPKTCNT/PKTDEC, overflow (ENC28J60 facts §4.3, §5, §11.3).
    public sealed partial class Enc28j60Chip
    {
        private const int MaxWireFrame = BufferSize;
        private const int HeaderLength = 6;

        private readonly System.Collections.Generic.Queue<InFlightFrame> _framesInFlight =
            new System.Collections.Generic.Queue<InFlightFrame>();

        private int _rxWritePointer;      // where the next frame goes; ERXWRPT lags while frames are in flight
        private long _lastReceptionEndNs;
        private readonly byte[] _header = new byte[HeaderLength];
        private bool _droppedSinceLastReceive;
        private bool _pktifSuppressed;
        private int _armedRxOverflows;
        private int _armedBadFcs;
        private int _nextCorruptionKind;
        private readonly System.Collections.Generic.Queue<ReceiveHeaderCorruption> _corruptions =
            new System.Collections.Generic.Queue<ReceiveHeaderCorruption>();

        /// <summary>Frames completely received into the RX ring (counted in EPKTCNT).</summary>
        public long FramesReceived { get; private set; }

        /// <summary>Pause frames that stopped the transmitter (MACON1.RXPAUS, full duplex).</summary>
        public long PauseFramesReceived { get; private set; }

        /// <summary>Frames rejected by ERXFCON or MAMXFL, or control frames consumed by the MAC.</summary>
        public long FramesFiltered { get; private set; }

        /// <summary>Frames lost because the ring was full, EPKTCNT was 255 or an overflow was injected (RXERIF set).</summary>
        public long FramesOverflowed { get; private set; }

        /// <summary>Frames ignored because the receiver was off (RXEN, MARXEN, RXRST, PWRSV, link down) or a DMA
        /// checksum ran (errata #17).</summary>
        public long FramesIgnored { get; private set; }

        /// <summary>A frame arrives from the wire (no FCS): the chip pads it to 60 bytes, appends the FCS and receives it
        /// as §11.3 says. False when it did not reach the ring (filter, receiver off, ring full → RXERIF, ...).</summary>
        public bool ReceiveFromWire(byte[] frame, int offset, int length)
        {
            CheckFrameArguments(frame, offset, length, 1);
            if (length > MaxWireFrame)
            {
                return CountOversized();
            }

            int padded = Math.Max(length, 60);
            var data = new byte[padded + 4];
            Array.Copy(frame, offset, data, 0, length);
            EthernetCrc32.Append(data, padded);
            return ReceiveWithFcs(data, padded + 4);
        }

        /// <summary>A frame arrives exactly as given, its last four bytes being the FCS (good or bad): no padding.</summary>
        public bool ReceiveFromWireWithFcs(byte[] frame, int offset, int length)
        {
            CheckFrameArguments(frame, offset, length, 18);
            if (length > MaxWireFrame)
            {
                return CountOversized();
            }

            var data = new byte[length];
            Array.Copy(frame, offset, data, 0, length);
            return ReceiveWithFcs(data, length);
        }

        /// <summary>The next frame that would be stored is dropped as if the ring were full (RXERIF, RSV bit 16 on the
        /// following frame). Each call arms one more.</summary>
        public void InjectRxOverflow()
        {
            lock (_gate)
            {
                _armedRxOverflows++;
            }
        }

        /// <summary>The next frame from <see cref="ReceiveFromWire"/> arrives with a wrong FCS. Each call arms one more.</summary>
        public void InjectBadFcs()
        {
            lock (_gate)
            {
                _armedBadFcs++;
            }
        }

        /// <summary>The header of the next stored frame is damaged; successive calls cycle through the kinds of
        /// <see cref="ReceiveHeaderCorruption"/>. The chip's own write pointer stays correct.</summary>
        public void CorruptNextReceiveHeader()
        {
            lock (_gate)
            {
                _corruptions.Enqueue((ReceiveHeaderCorruption)(_nextCorruptionKind++ % 4));
            }
        }

        /// <summary>The header of the next stored frame is damaged in the given way.</summary>
        public void CorruptNextReceiveHeader(ReceiveHeaderCorruption kind)
        {
            lock (_gate)
            {
                _corruptions.Enqueue(kind);
            }
        }

        private static void CheckFrameArguments(byte[] frame, int offset, int length, int minimum)
        {
            if (frame == null)
            {
                throw new ArgumentNullException(nameof(frame));
            }

            if (offset < 0 || length < minimum || offset + length > frame.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }
        }

        /// <summary>A frame larger than the whole buffer memory (e.g. a TAP GSO super-frame) can never be stored.</summary>
        private bool CountOversized()
        {
            lock (_gate)
            {
                FramesFiltered++;
                return false;
            }
        }

        private bool ReceiveWithFcs(byte[] data, int byteCount)
        {
            lock (_gate)
            {
                if (_armedBadFcs > 0 && byteCount >= 4)
                {
                    _armedBadFcs--;
                    data[byteCount - 1] ^= 0xFF;
                }

                bool stored = Receive(data, byteCount);
                UpdateInterruptPin();
                return stored;
            }
        }

        private bool ReceiverRunning =>
            (_regs[Reg.ECON1] & (Bits.ECON1_RXEN | Bits.ECON1_RXRST)) == Bits.ECON1_RXEN
            && (_regs[Reg.MACON1] & Bits.MACON1_MARXEN) != 0
            && !PowerSave && ClockReady && PhyLinkUp;

        private bool Receive(byte[] data, int byteCount)
        {
            if (!ReceiverRunning || (_options.Erratum17DmaChecksumAbortsReceive && DmaChecksumRunning))
            {
                FramesIgnored++;
                return false;
            }

            bool crcOk = EthernetCrc32.Check(data, byteCount);
            if (crcOk && IsControlFrame(data, byteCount) && ConsumeControlFrame(data))
            {
                return false;
            }

            bool huge = (_regs[Reg.MACON3] & Bits.MACON3_HFRMEN) != 0;
            if (!PassesFilters(data, byteCount, crcOk) || (!huge && byteCount > Word(Reg.MAMXFLL)))
            {
                FramesFiltered++;
                return false;
            }

            int padded = (HeaderLength + byteCount + 1) & ~1;
            if (_armedRxOverflows > 0 || _regs[Reg.EPKTCNT] + _framesInFlight.Count >= 255 || !FitsInRing(padded))
            {
                if (_armedRxOverflows > 0)
                {
                    _armedRxOverflows--;
                }

                Overflow();
                return false;
            }

            StoreFrame(data, byteCount, crcOk, padded);
            return true;
        }

        private static bool IsControlFrame(byte[] data, int byteCount)
        {
            return byteCount >= 20 && data[12] == 0x88 && data[13] == 0x08;
        }

        /// <summary>MAC control frames (DS MACON1): with RXPAUS in full duplex a pause frame stops the transmitter
        /// for pause-time × 512 bit times; without PASSALL the MAC consumes control frames.</summary>
        private bool ConsumeControlFrame(byte[] data)
        {
            byte macon1 = _regs[Reg.MACON1];
            bool fullDuplex = (_regs[Reg.MACON3] & Bits.MACON3_FULDPX) != 0;
            if ((macon1 & Bits.MACON1_RXPAUS) != 0 && fullDuplex && data[14] == 0x00 && data[15] == 0x01)
            {
                int quanta = (data[16] << 8) | data[17];
                _txPausedUntilNs = _nowNs + quanta * 512L * 100L; // one bit time = 100 ns
                PauseFramesReceived++;
            }

            if ((macon1 & Bits.MACON1_PASSALL) != 0)
            {
                return false;
            }

            FramesFiltered++;
            return true;
        }

        private void Overflow()
        {
            FramesOverflowed++;
            _regs[Reg.EIR] |= Bits.EIR_RXERIF;
            _droppedSinceLastReceive = true;
        }

        /// <summary>The hardware writes up to, but not including, ERXRDPT (§4.3). An ERXRDPT outside the ring
        /// protects nothing (EtherCard#182); an even ERXRDPT equal to the write pointer is ambiguous (errata #14).</summary>
        private bool FitsInRing(int paddedLength)
        {
            int start = Pointer(Reg.ERXSTL);
            int end = Pointer(Reg.ERXNDL);
            int readPointer = Pointer(Reg.ERXRDPTL);
            if (end < start || readPointer < start || readPointer > end)
            {
                return true;
            }

            int size = end - start + 1;
            int distance = ((readPointer - _rxWritePointer) % size + size) % size;
            if (distance == 0)
            {
                bool looksEmpty = _options.Erratum14EvenErxrdptCorruptsRing || PacketsInRing == 0;
                distance = looksEmpty ? size : 0;
            }

            return paddedLength <= distance;
        }

        private void StoreFrame(byte[] data, int byteCount, bool crcOk, int paddedLength)
        {
            int writePointer = _rxWritePointer;
            int next = writePointer;
            for (int i = 0; i < paddedLength; i++)
            {
                next = NextReadAddress(next);
            }

            uint status = ReceiveStatus(data, byteCount, crcOk);
            byte[] header = _header;
            header[0] = (byte)next;
            header[1] = (byte)(next >> 8);
            header[2] = (byte)byteCount;
            header[3] = (byte)(byteCount >> 8);
            header[4] = (byte)(status >> 16);
            header[5] = (byte)(status >> 24);
            if (_corruptions.Count > 0)
            {
                Corrupt(header, _corruptions.Dequeue());
            }

            int p = writePointer;
            for (int i = 0; i < HeaderLength; i++)
            {
                _buffer[p] = header[i];
                p = NextReadAddress(p);
            }

            for (int i = 0; i < byteCount; i++)
            {
                _buffer[p] = data[i];
                p = NextReadAddress(p);
            }

            _rxWritePointer = next;
            _droppedSinceLastReceive = false;
            if (_options.RealTimeReception)
            {
                long start = Math.Max(_nowNs, _lastReceptionEndNs + 12 * NsPerWireByte); // inter-frame gap
                _lastReceptionEndNs = start + (8 + byteCount) * NsPerWireByte;              // preamble + frame
                _framesInFlight.Enqueue(new InFlightFrame { DoneAtNs = _lastReceptionEndNs, Next = next });
            }
            else
            {
                CommitFrame(next);
            }
        }

        /// <summary>The frame is completely received: ERXWRPT advances, EPKTCNT counts it, PKTIF (§4.3, §11.3).</summary>
        private void CommitFrame(int next)
        {
            SetPointer(Reg.ERXWRPTL, next);
            _regs[Reg.EPKTCNT]++;
            RollPktif();
            FramesReceived++;
        }

        private int PacketsInRing => _regs[Reg.EPKTCNT] + _framesInFlight.Count;

        private bool Receiving => _framesInFlight.Count > 0;

        private long ReceiveDeadline()
        {
            return _framesInFlight.Count > 0 ? _framesInFlight.Peek().DoneAtNs : long.MaxValue;
        }

        private void RunReceiveEvents()
        {
            while (_framesInFlight.Count > 0 && _framesInFlight.Peek().DoneAtNs <= _nowNs)
            {
                CommitFrame(_framesInFlight.Dequeue().Next);
            }
        }

        /// <summary>Loads the receive write pointer (ERXST write, RXRST option); frames in flight are lost.</summary>
        private void LoadReceiveWritePointer(int value)
        {
            _framesInFlight.Clear();
            _rxWritePointer = value;
            SetPointer(Reg.ERXWRPTL, value);
        }

        /// <summary>RXRST or power save: frames still arriving are lost; the ring keeps what was complete.</summary>
        private void AbortFramesInFlight()
        {
            _framesInFlight.Clear();
            _rxWritePointer = Pointer(Reg.ERXWRPTL);
        }

        private struct InFlightFrame
        {
            public long DoneAtNs;
            public int Next;
        }

        private void Corrupt(byte[] header, ReceiveHeaderCorruption kind)
        {
            switch (kind)
            {
                case ReceiveHeaderCorruption.OddNextPointer:
                    header[0] |= 0x01;
                    break;
                case ReceiveHeaderCorruption.NextPointerBeyondRing:
                    int beyond = Math.Min(Pointer(Reg.ERXNDL) + 2, 0x1FFE);
                    if (beyond <= Pointer(Reg.ERXNDL))
                    {
                        beyond = 0x6772; // not even a 13-bit address (UIPEthernet#48)
                    }

                    header[0] = (byte)beyond;
                    header[1] = (byte)(beyond >> 8);
                    break;
                case ReceiveHeaderCorruption.StatusBit31Set:
                    header[5] |= 0x80;
                    break;
                default:
                    header[2] = 0xD0; // 2000 bytes
                    header[3] = 0x07;
                    break;
            }
        }

        /// <summary>RSV bits 16–31 (§5.1 table).</summary>
        private uint ReceiveStatus(byte[] data, int byteCount, bool crcOk)
        {
            uint status = 0;
            if (_droppedSinceLastReceive)
            {
                status |= 1u << 16;
            }

            status |= crcOk ? 1u << 23 : 1u << 20;
            bool broadcast = IsBroadcast(data);
            if (broadcast)
            {
                status |= 1u << 25;
            }
            else if ((data[0] & 1) != 0)
            {
                status |= 1u << 24;
            }

            if (byteCount < 18)
            {
                return status;
            }

            int type = (data[12] << 8) | data[13];
            int dataLength = byteCount - 18;
            if (type > 1500)
            {
                status |= 1u << 22;
            }
            else if ((_regs[Reg.MACON3] & Bits.MACON3_FRMLNEN) != 0 && (type > dataLength || (type != dataLength && dataLength > 46)))
            {
                status |= 1u << 21;
            }

            if (type == 0x8808)
            {
                status |= 1u << 27;
                status |= byteCount >= 20 && data[14] == 0 && data[15] == 1 ? 1u << 28 : 1u << 29;
            }
            else if (type == 0x8100)
            {
                status |= 1u << 30;
            }

            return status;
        }

        private void DecrementPacketCount()
        {
            if (_regs[Reg.EPKTCNT] == 0)
            {
                Violation("ECON2.PKTDEC with EPKTCNT = 0 (§5.2 step 7: one decrement per packet)");
                return;
            }

            _regs[Reg.EPKTCNT]--;
            RollPktif();
        }

        /// <summary>Errata #6: PKTIF may fail to follow EPKTCNT; decided afresh at each arrival and PKTDEC.</summary>
        private void RollPktif()
        {
            _pktifSuppressed = _options.Erratum6PktifUnreliable && Chance(_options.Erratum6PktifMissProbability);
        }

        private void ResetReceiveState()
        {
            _droppedSinceLastReceive = false;
            _pktifSuppressed = false;
            _lastReceptionEndNs = 0;
            LoadReceiveWritePointer(Pointer(Reg.ERXWRPTL));
        }

        private void ResetReceiveLogic()
        {
            AbortFramesInFlight();
            if (_options.RxResetClearsPacketCount)
            {
                _regs[Reg.EPKTCNT] = 0;
                LoadReceiveWritePointer(Pointer(Reg.ERXSTL));
            }
        }

        private void CheckReceiveEnable()
        {
            int readPointer = Pointer(Reg.ERXRDPTL);
            if ((readPointer & 1) == 0 || readPointer < Pointer(Reg.ERXSTL) || readPointer > Pointer(Reg.ERXNDL))
            {
                Violation("RXEN set while ERXRDPT = 0x" + readPointer.ToString("X4") + " is even or outside the ring (§4.3, errata #14)");
            }

            CheckDuplexConsistency("RXEN set");
        }
    }
}
