// Switch role: assume a role (in this account or another) as the signed-in user, named and coloured
// for the header; the last roles switched into, one click each.
import { useState, type FormEvent } from 'react';
import { ApiError, switchRole, switchToRecent } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { PRESET_COLORS, safeColor, textColorOn } from '../role-color.ts';
import { navigate } from '../router.ts';
import { useSession, type Session } from '../session.ts';

export function SwitchRolePage() {
  const { session, setSession } = useSession();
  const [account, setAccount] = useState('');
  const [roleName, setRoleName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [color, setColor] = useState(PRESET_COLORS[0]?.value ?? '#99BCE3');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function run(send: () => Promise<Session>) {
    setBusy(true);
    setError(undefined);
    try {
      setSession(await send());
      navigate({ page: 'users' });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'NotSignedIn') setSession(null);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmedAccount = account.trim();
    const trimmedRole = roleName.trim();
    void run(() =>
      switchRole(session.csrfToken, {
        account: trimmedAccount,
        roleName: trimmedRole,
        displayName: displayName.trim() || `${trimmedRole} @ ${trimmedAccount}`,
        color,
      }),
    );
  };

  return (
    <>
      <PageHeading>Switch role</PageHeading>
      <p>
        Act as an IAM role with the role's permissions instead of your own. The role's trust policy must allow{' '}
        <code>{session.identity.arn}</code> to assume it.
      </p>
      <ErrorAlert error={error} />
      {session.recentRoles.length === 0 ? null : (
        <section className="panel" aria-labelledby="recent-roles-heading">
          <h2 id="recent-roles-heading">Recent roles</h2>
          <ul className="recent-roles">
            {session.recentRoles.map((role) => {
              const swatch = safeColor(role.color);
              return (
                <li key={`${role.accountId}/${role.roleName}/${role.displayName}`}>
                  <button
                    type="button"
                    className="recent-role"
                    style={{ borderLeftColor: swatch }}
                    disabled={busy}
                    onClick={() => void run(() => switchToRecent(session.csrfToken, role))}
                  >
                    <span className="recent-role-name">{role.displayName}</span>
                    <span className="recent-role-detail">
                      {role.roleName} in {role.accountId}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section className="panel" aria-labelledby="switch-role-heading">
        <h2 id="switch-role-heading">Role to switch to</h2>
        <form onSubmit={submit}>
          <TextField
            label="Account"
            value={account}
            onChange={setAccount}
            hint="The 12-digit account ID or the account alias."
            autoComplete="off"
            required
          />
          <TextField label="Role" value={roleName} onChange={setRoleName} autoComplete="off" required />
          <TextField
            label="Display name"
            value={displayName}
            onChange={setDisplayName}
            hint="Shown in the header while you act as the role; role @ account if left empty."
            maxLength={64}
            autoComplete="off"
          />
          <fieldset className="color-choice">
            <legend>Color</legend>
            {PRESET_COLORS.map((preset) => (
              <label key={preset.value} className="color-option">
                <input
                  type="radio"
                  name="color"
                  value={preset.value}
                  checked={color === preset.value}
                  onChange={() => setColor(preset.value)}
                />
                <span
                  className="color-swatch"
                  style={{ backgroundColor: preset.value, color: textColorOn(preset.value) }}
                >
                  {preset.name}
                </span>
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              Switch role
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
