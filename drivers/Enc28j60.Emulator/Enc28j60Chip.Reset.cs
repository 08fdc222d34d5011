using System;

namespace NanoTcp.Enc28j60.Emulation
{
    // Power-on, RESET pin, SRC and power save (ENC28J60 facts §1.3, §2 reset column, errata #2 and #19).
    public sealed partial class Enc28j60Chip
    {
        private enum ResetKind
        {
            PowerOn,
            Pin,
            SystemResetCommand,
        }

        /// <summary>Pulses the RESET pin low (≥ 400 ns): every register and the PHY return to their reset values,
        /// buffer memory is kept, the clock needs the 300 µs start-up time again.</summary>
        public void PulseResetPin()
        {
            lock (_gate)
            {
                ResetCount++;
                ResetChip(ResetKind.Pin);
                UpdateInterruptPin();
            }
        }

        private void SystemResetCommand()
        {
            if (_options.Erratum19SrcIgnoredInPowerSave && (PowerSave || _nowNs < _srcBlockedUntilNs))
            {
                Violation("SRC ignored: " + (PowerSave ? "ECON2.PWRSV = 1" : "power save left less than 300 µs ago")
                    + " (errata #19: clear PWRSV, wait ~1 ms, then SRC)");
                return;
            }

            ResetCount++;
            ResetChip(ResetKind.SystemResetCommand);
        }

        private void ResetChip(ResetKind kind)
        {
            byte ecocon = _regs[Reg.ECOCON];
            Array.Clear(_regs, 0, _regs.Length);
            SetPointer(Reg.ERDPTL, 0x05FA);
            SetPointer(Reg.ERXSTL, 0x05FA);
            SetPointer(Reg.ERXNDL, 0x1FFF);
            SetPointer(Reg.ERXRDPTL, 0x05FA);
            _erxrdptLowLatch = 0xFA;
            _regs[Reg.ERXFCON] = Bits.ERXFCON_UCEN | Bits.ERXFCON_CRCEN | Bits.ERXFCON_BCEN;
            _regs[Reg.MACLCON1] = 0x0F;
            _regs[Reg.MACLCON2] = 0x37;
            _regs[Reg.MAMXFLL] = 0x00;
            _regs[Reg.MAMXFLH] = 0x06;
            _regs[Reg.EREVID] = (byte)_options.Revision;
            _regs[Reg.ECOCON] = kind == ResetKind.SystemResetCommand && _options.SrcPreservesEcocon ? ecocon : (byte)0x04;
            _regs[Reg.EPAUSH] = 0x10;
            _regs[Reg.ECON2] = Bits.ECON2_AUTOINC;

            ResetReceiveState();
            ResetTransmitState();
            ResetDmaState();
            ResetPhy();
            _srcBlockedUntilNs = 0;
            if (kind == ResetKind.SystemResetCommand)
            {
                _clockReadyAtNs = _nowNs + (_options.Erratum2ClkrdySetEarly ? 0 : SrcSettleNs);
                _writesIgnoredUntilNs = _options.Erratum2ClkrdySetEarly ? _nowNs + Erratum2WindowNs : 0;
            }
            else
            {
                _clockReadyAtNs = _nowNs + OscillatorStartUpNs;
                _writesIgnoredUntilNs = 0;
            }
        }

        private void EnterPowerSave()
        {
            AbortTransmitSilently();
            AbortFramesInFlight();
        }
    }
}
