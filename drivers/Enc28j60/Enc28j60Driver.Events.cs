namespace NanoTcp.Enc28j60
{
    /// <summary>Interrupt/poll service: EIR flags, link changes, RX overflow, transmit completion (§7, DS §12).</summary>
    public sealed partial class Enc28j60Driver
    {
        /// <summary>
        /// The EIR flags routed to INT: packets (for a firmware that sleeps on INT), link changes, transmit errors
        /// (late-collision retries start without waiting for the next send) and RX overflow. TXIF is left out so a
        /// normal transmission costs no service.
        /// </summary>
        private const byte EnabledInterruptFlags = RegisterBits.EIR_PKTIF | RegisterBits.EIR_LINKIF
            | RegisterBits.EIR_TXERIF | RegisterBits.EIR_RXERIF;

        private long _lastEventPoll;

        /// <summary>
        /// One service pass. With an INT pin: only when the adapter latched a falling edge, with INTIE toggled
        /// around the work. Without: EIR is read and handled, at most once per
        /// <see cref="Enc28j60Options.EventPollIntervalMicroseconds"/>. Either way a transmission past its timeout
        /// is resolved.
        /// </summary>
        private void ServiceEvents()
        {
            if (_interruptPin == null)
            {
                long now = _clock.NowMicroseconds;
                if (now - _lastEventPoll >= _options.EventPollIntervalMicroseconds)
                {
                    _lastEventPoll = now;
                    HandleFlags(_port.Read(ControlRegister.EIR));
                }
            }
            else if (_interruptPin.TakeFallingEdge())
            {
                ServiceInterrupt();
            }

            if (_running && _transmitPending
                && _clock.NowMicroseconds - _transmitStarted >= _options.TransmitTimeoutMicroseconds)
            {
                FinishPendingTransmission();
            }
        }

        /// <summary>
        /// Edge-safe service (DS §12, LNX, ESP; zephyr PR #82529). EIR is read first: when no enabled flag is set
        /// the pin is already high and any new flag makes a fresh edge, so nothing more is needed. Otherwise INTIE
        /// is cleared (pin high), the flags are handled and INTIE is set again: whatever is still or newly pending
        /// pulls the pin low once more, a fresh edge the adapter latches.
        /// </summary>
        private void ServiceInterrupt()
        {
            Counters.InterruptServices++;
            byte eir = _port.Read(ControlRegister.EIR);
            if ((eir & EnabledInterruptFlags) == 0)
            {
                return;
            }

            _port.ClearBits(ControlRegister.EIE, RegisterBits.EIE_INTIE);
            HandleFlags(eir);
            if (_running)
            {
                _port.SetBits(ControlRegister.EIE, RegisterBits.EIE_INTIE);
            }
        }

        /// <summary>
        /// Handles one EIR snapshot. PKTIF is ignored on purpose (errata #6): packets are found through EPKTCNT.
        /// RXERIF is counted and cleared; the frames already in the ring are drained normally and no reset is
        /// needed (DS §12.1.2).
        /// </summary>
        private void HandleFlags(byte eir)
        {
            if ((eir & RegisterBits.EIR_LINKIF) != 0)
            {
                RefreshLinkState();
            }

            if ((eir & RegisterBits.EIR_RXERIF) != 0)
            {
                Counters.Overflows++;
                _port.ClearBits(ControlRegister.EIR, RegisterBits.EIR_RXERIF);
            }

            const byte transmitFlags = RegisterBits.EIR_TXIF | RegisterBits.EIR_TXERIF;
            if ((eir & transmitFlags) != 0)
            {
                if (_transmitPending)
                {
                    CompleteTransmission(eir);
                }
                else if ((eir & RegisterBits.EIR_TXERIF) != 0)
                {
                    // A leftover abort flag would hold INT low forever.
                    _port.ClearBits(ControlRegister.EIR, transmitFlags);
                }
            }
        }

        /// <summary>
        /// Reads PHIR (clears PGIF/PLNKIF and EIR.LINKIF), PHSTAT1 (LLSTAT latches low: the link dropped since the
        /// last read, even if it is back up now) and PHSTAT2.LSTAT (the link now). Counts every change, a flap as two.
        /// </summary>
        private bool RefreshLinkState()
        {
            if (!_mii.TryRead(PhyRegister.PHIR, out ushort _)
                || !_mii.TryRead(PhyRegister.PHSTAT1, out ushort latched)
                || !_mii.TryRead(PhyRegister.PHSTAT2, out ushort status))
            {
                return false;
            }

            bool up = (status & PhyRegister.PHSTAT2_LSTAT) != 0;
            bool droppedMeanwhile = (latched & PhyRegister.PHSTAT1_LLSTAT) == 0;
            if (up != _linkUp)
            {
                // The state found by an initialisation is not a change.
                if (_running)
                {
                    Counters.LinkChanges++;
                }

                _linkUp = up;
            }
            else if (up && droppedMeanwhile && _running)
            {
                Counters.LinkChanges += 2;
            }

            return true;
        }
    }
}
