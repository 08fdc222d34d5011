using System;

namespace NanoTcp.Enc28j60
{
    /// <summary>Receive path per ENC28J60 facts §5.</summary>
    public sealed partial class Enc28j60Driver
    {
        /// <summary>Cached pointer value meaning "not known, write both bytes".</summary>
        private const int UnknownPointer = -1;

        /// <summary>Bounded wait for ESTAT.RXBUSY before RXRST.</summary>
        private const int ReceiverIdlePolls = 20;
        private const int ReceiverIdlePollMicroseconds = 100;

        /// <summary>EPKTCNT is 8 bits: at most this many PKTDECs empty it.</summary>
        private const int MaxPacketCount = 255;

        /// <summary>Two ring resets without a good frame between them escalate to a chip reset.</summary>
        private const int MaxConsecutiveReceiveResets = 2;

        /// <summary>Freed ring space is committed to ERXRDPT at the end of a batch or once this much is pending.</summary>
        private const int CommitThresholdBytes = BufferLayout.ReceiveSize / 4;

        private int _nextPacket;
        private int _uncommittedBytes;
        private int _readPointer = UnknownPointer;
        private int _pendingPackets;
        private int _consecutiveReceiveResets;
        private bool _headerPrefetched;
        private readonly byte[] _header = new byte[ReceiveStatusVector.Length];

        /// <summary>
        /// Copies the next received frame (FCS stripped) into <paramref name="buffer"/>. Returns its length, or 0
        /// when none is waiting. A frame longer than <paramref name="count"/>, or with a bad CRC, is freed in the
        /// chip and counted, never truncated. Packet presence comes from EPKTCNT, never PKTIF (errata #6).
        /// Steady state: 2 SPI transactions per frame inside a batch (one RBM carrying the frame and the next
        /// packet's header, PKTDEC), 3 for the first; per batch add the EPKTCNT reads, the ERXRDPT commit and two
        /// bank switches.
        /// </summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">Where the frame's first byte goes.</param>
        /// <param name="count">Room available at <paramref name="offset"/>.</param>
        /// <returns>The frame length, or 0.</returns>
        public int Receive(byte[] buffer, int offset, int count)
        {
            if (!IsValidRange(buffer, offset, count))
            {
                return 0;
            }

            if (_pendingPackets == 0)
            {
                if (!RunHealthCheckIfDue())
                {
                    return 0;
                }

                _pendingPackets = _port.Read(ControlRegister.EPKTCNT);
                if (_pendingPackets == 0)
                {
                    // The ring is drained: now is the time to hand the space back.
                    CommitFreedSpace();
                    ServiceEvents();
                    return 0;
                }
            }

            while (_pendingPackets > 0 && _running)
            {
                int length = ReadNextPacket(buffer, offset, count);
                if (length > 0)
                {
                    return length;
                }
            }

            return 0;
        }

        /// <summary>
        /// Reads and frees the packet at the driver's next-packet pointer (§5.2). Returns the frame length, or 0
        /// when it was dropped (bad CRC, no room) or the ring had to be reset.
        /// </summary>
        private int ReadNextPacket(byte[] buffer, int offset, int count)
        {
            int packetStart = _nextPacket;
            if (!_headerPrefetched)
            {
                MoveReadPointer(packetStart);
                _port.ReadBuffer(ReceiveStatusVector.Length);
                Array.Copy(_port.BulkRead, 1, _header, 0, ReceiveStatusVector.Length);
                _readPointer = BufferLayout.RingAdd(packetStart, ReceiveStatusVector.Length);
            }

            _headerPrefetched = false;
            int nextPacket = ReceiveStatusVector.NextPacket(_header, 0);
            int byteCount = ReceiveStatusVector.ByteCount(_header, 0);
            int status = ReceiveStatusVector.Status(_header, 0);
            if (!ReceiveStatusVector.IsStructurallyValid(nextPacket, byteCount, status, packetStart))
            {
                Counters.CorruptHeaders++;
                RecoverReceiveRing();
                return 0;
            }

            int stored = ReceiveStatusVector.StoredLength(byteCount);
            int frameLength = byteCount - BufferLayout.FcsLength;
            int delivered = 0;
            if (!ReceiveStatusVector.ReceivedOk(status))
            {
                Counters.CrcErrors++;
            }
            else if (frameLength > count)
            {
                Counters.ReceiveDropsNoBuffer++;
            }
            else
            {
                // FCS and pad byte are read too, so ERDPT lands exactly on the next packet (no re-seek); when
                // EPKTCNT promised another packet its header comes in the same transaction (it overwrites _header,
                // so everything needed from this one was read above).
                bool prefetch = _pendingPackets > 1;
                _port.ReadBuffer(prefetch ? stored + ReceiveStatusVector.Length : stored);
                _readPointer = nextPacket;
                if (prefetch)
                {
                    Array.Copy(_port.BulkRead, 1 + stored, _header, 0, ReceiveStatusVector.Length);
                    _readPointer = BufferLayout.RingAdd(nextPacket, ReceiveStatusVector.Length);
                    _headerPrefetched = true;
                }

                Array.Copy(_port.BulkRead, 1, buffer, offset, frameLength);
                delivered = frameLength;
                Counters.FramesIn++;
                Counters.BytesIn += delivered;
            }

            _consecutiveReceiveResets = 0;
            ReleasePacket(nextPacket, ReceiveStatusVector.Length + stored);
            return delivered;
        }

        /// <summary>
        /// Releases a packet, delivered or not, so the ring can never stall on a frame nobody takes (RIOT#9784):
        /// one PKTDEC now; the ring space itself is committed by <see cref="CommitFreedSpace"/> once EPKTCNT reads
        /// 0 (or earlier once a quarter of the ring is waiting), which saves two SPI transactions per frame.
        /// </summary>
        private void ReleasePacket(int nextPacket, int packetBytes)
        {
            _nextPacket = nextPacket;
            _port.SetBits(ControlRegister.ECON2, RegisterBits.ECON2_PKTDEC);
            _pendingPackets--;
            _uncommittedBytes += packetBytes;
            if (_uncommittedBytes >= CommitThresholdBytes)
            {
                CommitFreedSpace();
            }
        }

        /// <summary>
        /// ERXRDPT = the odd value just below the next packet (errata #14), low byte then high byte (the low byte is
        /// latched until the high byte is written, §4.3).
        /// </summary>
        private void CommitFreedSpace()
        {
            if (_uncommittedBytes == 0)
            {
                return;
            }

            _port.Write16(ControlRegister.ERXRDPTL, BufferLayout.ReadPointerFor(_nextPacket));
            _uncommittedBytes = 0;
        }

        /// <summary>Points ERDPT at <paramref name="address"/>, writing only the bytes that differ from the known value.</summary>
        private void MoveReadPointer(int address)
        {
            WritePointer(ControlRegister.ERDPTL, address, _readPointer);
            _readPointer = address;
        }

        /// <summary>Writes the bytes of a 16-bit pointer pair that differ from <paramref name="known"/>.</summary>
        private void WritePointer(int lowRegister, int value, int known)
        {
            if (known == UnknownPointer || ((known ^ value) & 0xFF) != 0)
            {
                _port.Write(lowRegister, (byte)value);
            }

            if (known == UnknownPointer || ((known ^ value) & 0xFF00) != 0)
            {
                _port.Write(lowRegister + 1, (byte)(value >> 8));
            }
        }

        /// <summary>
        /// The ring lost sync (header failed validation): stop the receiver, wait for it to go idle (bounded),
        /// pulse RXRST, rebuild the ring, empty EPKTCNT with PKTDEC (whether RXRST clears it is unverified),
        /// clear RXERIF and enable RXEN again (§5.3, Linux's "Invalid packet address" path). A second failure
        /// without a good frame in between resets the whole chip.
        /// </summary>
        private void RecoverReceiveRing()
        {
            _consecutiveReceiveResets++;
            if (_consecutiveReceiveResets > MaxConsecutiveReceiveResets)
            {
                Initialize();
                return;
            }

            Counters.ReceiveResets++;
            _port.ClearBits(ControlRegister.ECON1, RegisterBits.ECON1_RXEN);
            WaitForReceiverIdle();
            _port.SetBits(ControlRegister.ECON1, RegisterBits.ECON1_RXRST);
            _port.ClearBits(ControlRegister.ECON1, RegisterBits.ECON1_RXRST);
            ConfigureReceiveRing();
            DrainPacketCount();
            _port.ClearBits(ControlRegister.EIR, RegisterBits.EIR_RXERIF);
            _port.SetBits(ControlRegister.ECON1, RegisterBits.ECON1_RXEN);
        }

        private void WaitForReceiverIdle()
        {
            for (int poll = 0; poll < ReceiverIdlePolls; poll++)
            {
                if ((_port.Read(ControlRegister.ESTAT) & RegisterBits.ESTAT_RXBUSY) == 0)
                {
                    return;
                }

                _clock.Delay(ReceiverIdlePollMicroseconds);
            }
        }

        private void DrainPacketCount()
        {
            for (int i = 0; i < MaxPacketCount && _port.Read(ControlRegister.EPKTCNT) != 0; i++)
            {
                _port.SetBits(ControlRegister.ECON2, RegisterBits.ECON2_PKTDEC);
            }
        }
    }
}
