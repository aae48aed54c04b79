// The instance as the instances HTTP API (/_tessera/instances) and `tessera instances` show it.
import type { InstanceView } from '../../domain/index.ts';

export interface InstanceShape {
  InstanceId: string;
  Name: string;
  InstanceProfileArn: string | null;
  InstanceProfileId: string;
  RoleArn: string | null;
  LaunchTime: string;
}

export function instanceShape({ instance, profile, role }: InstanceView): InstanceShape {
  return {
    InstanceId: instance.instance_id,
    Name: instance.name,
    InstanceProfileArn: profile?.arn ?? null,
    InstanceProfileId: instance.instance_profile_id,
    RoleArn: role?.arn ?? null,
    LaunchTime: instance.created_at,
  };
}
