// The one time a new access key's secret is shown: the key id and secret with AWS's warning, and a
// .csv file of them to download, as AWS's console offers it.
import { Dialog } from '../../components/dialog.tsx';
import { FactList } from '../../components/summary-list.tsx';
import { downloadText } from '../../download.ts';

export interface NewAccessKey {
  UserName: string;
  AccessKeyId: string;
  SecretAccessKey: string;
}

export function NewAccessKeyDialog({ accessKey, onClose }: { accessKey: NewAccessKey; onClose: () => void }) {
  const download = () =>
    downloadText(
      `${accessKey.UserName}_accessKeys.csv`,
      `Access key ID,Secret access key\r\n${accessKey.AccessKeyId},${accessKey.SecretAccessKey}\r\n`,
    );
  return (
    <Dialog title="Access key created" onClose={onClose}>
      <p className="warning">
        This is the only time the secret access key can be viewed or downloaded. It cannot be recovered later:
        save it now, or create a new access key if it is lost.
      </p>
      <FactList
        items={[
          ['Access key ID', <code>{accessKey.AccessKeyId}</code>],
          ['Secret access key', <code>{accessKey.SecretAccessKey}</code>],
        ]}
      />
      <div className="form-actions dialog-actions">
        <button type="button" onClick={download}>
          Download .csv file
        </button>
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Done
        </button>
      </div>
    </Dialog>
  );
}
