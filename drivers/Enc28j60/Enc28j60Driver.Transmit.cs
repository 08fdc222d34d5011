using System;

namespace NanoTcp.Enc28j60
{
    /// <summary>Transmit path per ENC28J60 facts §6.</summary>
    public sealed partial class Enc28j60Driver
    {
        /// <summary>Per-packet control byte: 0 = use MACON3 (pad to 60, append CRC).</summary>
        private const byte ControlByteUseMacon3 = 0x00;

        /// <summary>Byte times of preamble + FCS + inter-frame gap added to a frame on the wire.</summary>
        private const int WireOverheadBytes = 8 + 4 + 12;

        /// <summary>Minimum frame on the wire without FCS (the MAC pads to it).</summary>
        private const int MinimumWireFrame = 60;

        /// <summary>First poll period once the expected wire time has passed; doubles after each poll.</summary>
        private const int CompletionPollMicroseconds = 50;

        /// <summary>EIR reads per attempt before the frame counts as hung whatever the clock says.</summary>
        private const int MaxCompletionPolls = 64;

        private int _writePointer = UnknownPointer;
        private int _transmitEnd = UnknownPointer;
        private bool _transmitPending;
        private long _transmitStarted;
        private int _transmitLength;
        private int _transmitRetries;

        /// <summary>
        /// Queues one frame (DA through payload, 14–1514 bytes, no FCS) for transmission. The previous frame is
        /// first waited for (bounded by <see cref="Enc28j60Options.TransmitTimeoutMicroseconds"/>), so the transmit
        /// buffer is never touched while TXRTS is set. Returns false, and counts, when the length is invalid, the
        /// link is down or the chip is not running. The outcome of the frame itself is reported by the next call,
        /// <see cref="FlushTransmit"/>, <see cref="LastTransmitSucceeded"/> and <see cref="Counters"/>.
        /// Steady state: 7 SPI transactions for back-to-back 60-byte frames, 8 for 1514-byte ones, the completion check
        /// of the previous frame included (pointer bytes that do not change are not rewritten).
        /// </summary>
        /// <param name="buffer">Frame bytes.</param>
        /// <param name="offset">Offset of the destination address.</param>
        /// <param name="count">Frame length.</param>
        /// <returns>True when the frame was handed to the MAC.</returns>
        public bool Transmit(byte[] buffer, int offset, int count)
        {
            if (!IsValidRange(buffer, offset, count) || count < BufferLayout.MinFrameLength
                || count > BufferLayout.MaxFrameLength || !_running || !_linkUp)
            {
                Counters.TransmitRejected++;
                return false;
            }

            FinishPendingTransmission();
            if (!_running)
            {
                Counters.TransmitRejected++;
                return false;
            }

            WriteFrame(buffer, offset, count);
            StartTransmission();
            return true;
        }

        /// <summary>
        /// Waits (bounded) until the frame in flight has completed, been retried to its limit or been declared
        /// hung, and returns whether it was sent. True when nothing was in flight and the last frame succeeded.
        /// </summary>
        /// <returns>The outcome of the last frame.</returns>
        public bool FlushTransmit()
        {
            FinishPendingTransmission();
            return LastTransmitSucceeded;
        }

        /// <summary>
        /// EWRPT = ETXST, one WBM with control byte + frame, ETXND = ETXST + length (§6.2). Pointer bytes equal to
        /// what the chip already holds are not rewritten.
        /// </summary>
        private void WriteFrame(byte[] buffer, int offset, int count)
        {
            WritePointer(ControlRegister.EWRPTL, BufferLayout.TransmitStart, _writePointer);
            byte[] bulk = _port.BulkWrite;
            bulk[1] = ControlByteUseMacon3;
            Array.Copy(buffer, offset, bulk, 2, count);
            _port.WriteBuffer(count + 1);
            _writePointer = BufferLayout.TransmitStart + 1 + count;

            int end = BufferLayout.TransmitStart + count;
            WritePointer(ControlRegister.ETXNDL, end, _transmitEnd);
            _transmitEnd = end;
            _transmitLength = count;
            _transmitRetries = 0;
        }

        /// <summary>
        /// Starts the frame already in the buffer: TXRST set and cleared before every send (errata #12), then
        /// TXIF/TXERIF cleared (clearing TXRST may set TXERIF, and a stale TXIF would fake completion), then TXRTS.
        /// </summary>
        private void StartTransmission()
        {
            _port.SetBits(ControlRegister.ECON1, RegisterBits.ECON1_TXRST);
            _port.ClearBits(ControlRegister.ECON1, RegisterBits.ECON1_TXRST);
            _port.ClearBits(ControlRegister.EIR, RegisterBits.EIR_TXIF | RegisterBits.EIR_TXERIF);
            _port.SetBits(ControlRegister.ECON1, RegisterBits.ECON1_TXRTS);
            _transmitPending = true;
            _transmitStarted = _clock.NowMicroseconds;
        }

        /// <summary>
        /// Waits until the frame in flight is resolved. The first EIR read comes when the frame's wire time has
        /// passed (one SPI transaction in the normal case); later ones back off exponentially; every attempt is
        /// bounded by the timeout.
        /// </summary>
        private void FinishPendingTransmission()
        {
            int backoff = CompletionPollMicroseconds;
            int polls = 0;
            while (_transmitPending && _running)
            {
                // Also bounded in count, in case the clock does not advance.
                if (++polls > MaxCompletionPolls)
                {
                    RecoverTransmitHang();
                    return;
                }

                long elapsed = _clock.NowMicroseconds - _transmitStarted;
                long untilOnWire = ExpectedWireMicroseconds(_transmitLength) - elapsed;
                if (untilOnWire > 0)
                {
                    _clock.Delay((int)untilOnWire);
                }

                byte eir = _port.Read(ControlRegister.EIR);
                if ((eir & (RegisterBits.EIR_TXIF | RegisterBits.EIR_TXERIF)) != 0)
                {
                    CompleteTransmission(eir);
                    backoff = CompletionPollMicroseconds;
                    polls = 0;
                    continue;
                }

                elapsed = _clock.NowMicroseconds - _transmitStarted;
                if (elapsed >= _options.TransmitTimeoutMicroseconds)
                {
                    RecoverTransmitHang();
                    return;
                }

                long left = _options.TransmitTimeoutMicroseconds - elapsed;
                _clock.Delay(backoff < left ? backoff : (int)left);
                backoff = backoff < _options.TransmitTimeoutMicroseconds ? backoff * 2 : backoff;
            }
        }

        /// <summary>Wire time of a frame at 10 Mbit/s: 0.8 µs per byte including preamble, FCS and gap.</summary>
        private static long ExpectedWireMicroseconds(int length)
        {
            int wire = (length < MinimumWireFrame ? MinimumWireFrame : length) + WireOverheadBytes;
            return wire * 4 / 5;
        }

        /// <summary>
        /// TXIF or TXERIF is set. Success needs no further reads. On TXERIF the TSV tells a late collision
        /// (bit 29; ESTAT.LATECOL is unreliable, errata #15) which is retried up to the bound (errata #13); any other
        /// abort fails the frame. TXABRT/LATECOL are sticky and cleared so the next frame is judged on its own
        /// (zephyr#72092).
        /// </summary>
        private void CompleteTransmission(byte eir)
        {
            if ((eir & RegisterBits.EIR_TXERIF) == 0)
            {
                _transmitPending = false;
                LastTransmitSucceeded = true;
                Counters.FramesOut++;
                Counters.BytesOut += _transmitLength;
                return;
            }

            bool lateCollision = ReadTransmitStatusLateCollision();
            _port.ClearBits(ControlRegister.ESTAT, RegisterBits.ESTAT_TXABRT | RegisterBits.ESTAT_LATECOL);
            if (lateCollision)
            {
                Counters.LateCollisions++;
                if (_transmitRetries < _options.MaxLateCollisionRetries)
                {
                    _transmitRetries++;
                    Counters.TransmitRetries++;
                    StartTransmission();
                    return;
                }
            }

            _port.ClearBits(ControlRegister.EIR, RegisterBits.EIR_TXIF | RegisterBits.EIR_TXERIF);
            FailTransmission();
        }

        /// <summary>Reads the 7-byte TSV at ETXND+1 (moves ERDPT; the receive path re-seeks it).</summary>
        private bool ReadTransmitStatusLateCollision()
        {
            int statusAddress = _transmitEnd + 1;
            MoveReadPointer(statusAddress);
            _port.ReadBuffer(TransmitStatusVector.Length);
            _readPointer = statusAddress + TransmitStatusVector.Length;
            return TransmitStatusVector.IsLateCollision(_port.BulkRead, 1);
        }

        /// <summary>
        /// TXRTS never cleared within the timeout and no TXIF/TXERIF came (errata #12 stall, RIOT#9043): cancel,
        /// pulse TXRST, clear the flags, and verify TXRTS really dropped; if not, the chip is re-initialised.
        /// </summary>
        private void RecoverTransmitHang()
        {
            Counters.TransmitHangs++;
            _port.ClearBits(ControlRegister.ECON1, RegisterBits.ECON1_TXRTS);
            _port.SetBits(ControlRegister.ECON1, RegisterBits.ECON1_TXRST);
            _port.ClearBits(ControlRegister.ECON1, RegisterBits.ECON1_TXRST);
            _port.ClearBits(ControlRegister.EIR, RegisterBits.EIR_TXIF | RegisterBits.EIR_TXERIF);
            _port.ClearBits(ControlRegister.ESTAT, RegisterBits.ESTAT_TXABRT | RegisterBits.ESTAT_LATECOL);
            FailTransmission();
            if ((_port.Read(ControlRegister.ECON1) & RegisterBits.ECON1_TXRTS) != 0)
            {
                Initialize();
            }
        }

        private void FailTransmission()
        {
            _transmitPending = false;
            LastTransmitSucceeded = false;
            Counters.TransmitErrors++;
        }
    }
}
