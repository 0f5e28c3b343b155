// A team's own design, verified with: npx invariant-lab verify --impl ./examples/naive-join.ts
import { type AssignmentImplementation, step } from "../index.js";

export const naiveJoin: AssignmentImplementation = {
  family: "assignment",
  name: "our-naive-join",
  design: "check the group's size, then add the member",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const groups = new Map<string, string[]>();
    const load = (group: string) => step(`load ${group}`, () => [...(groups.get(group) ?? [])]);
    const save = (group: string, members: string[]) => step(`save ${group} ${members.join(",")}`, () => void groups.set(group, [...members]));
    return {
      async execute({ _tag, member, container }) {
        const members = await load(container);
        if (_tag === "leave") {
          if (!members.includes(member)) return "not-joined";
          await save(
            container,
            members.filter((m) => m !== member),
          );
          return "left";
        }
        if (members.includes(member)) return "already-joined";
        if (members.length >= config.containerLimit) return "container-full";
        const groupsOfMember = [...groups].filter(([, ms]) => ms.includes(member)).length;
        if (groupsOfMember >= config.memberLimit) return "member-at-limit";
        await save(container, [...members, member]);
        return "joined";
      },
      snapshot() {
        const pairs = [...groups].flatMap(([group, ms]) => ms.map((m) => [m, group] as const));
        return { memberSide: pairs, containerSide: pairs };
      },
    };
  },
};
