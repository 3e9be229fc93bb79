import { describe, expect, it } from 'vitest'
import { searchAgencies } from './agency-search'

const AGENCIES = [
  { name: '济南市莱芜区人民政府办公室', shortName: '区政府办公室', code: 'ZFB' },
  { name: '济南市莱芜区城乡交通运输局', shortName: '区城乡交通运输局', code: 'JTJ' },
  { name: '济南市莱芜区自然资源局', shortName: '区自然资源局', code: 'ZRJ' },
  { name: '济南市莱芜区民政局', shortName: '区民政局', code: 'MZJ' },
  { name: '济南市莱芜区人力资源和社会保障局', shortName: '区人力资源社会保障局', code: 'RSJ' },
]
const names = (q: string) => searchAgencies(AGENCIES, q).map((a) => a.shortName)

describe('searchAgencies', () => {
  it('puts the agency the words name before one that contains them by accident', () => {
    expect(names('民政')).toEqual(['区民政局', '区政府办公室'])
  })

  it('ranks a short-name match, then the start of the name, then the code', () => {
    expect(names('资源')).toEqual(['区自然资源局', '区人力资源社会保障局'])
    expect(names('zrj')).toEqual(['区自然资源局'])
    expect(names('人力')).toEqual(['区人力资源社会保障局'])
  })

  it('keeps every agency, in order, for an empty search, and none for a miss', () => {
    expect(names('  ')).toHaveLength(5)
    expect(names('教育')).toEqual([])
  })
})
